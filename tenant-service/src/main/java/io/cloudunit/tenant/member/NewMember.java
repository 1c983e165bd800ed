package io.cloudunit.tenant.member;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.access.Role;

/** Body of {@code POST /tenants/{t}/members}: a Keycloak username or email, and the role to give. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NewMember(String user, String role) {
    /** Keycloak's own limit for usernames and emails. */
    static final int MAX_USER = 255;

    /** The request with the user trimmed and the role parsed; 422 naming every invalid field otherwise. */
    public Valid validated() {
        List<String> errors = new ArrayList<>();
        String trimmed = user == null ? "" : user.strip();
        if (trimmed.isEmpty()) {
            errors.add("user is required: a username or an email known to the identity provider");
        } else if (trimmed.length() > MAX_USER) {
            errors.add("user is " + trimmed.length() + " characters long: use at most " + MAX_USER);
        }
        Role valid = null;
        try {
            valid = Role.requireValid(role);
        } catch (ProblemException e) {
            errors.add(e.getMessage());
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(String.join("; ", errors));
        }
        return new Valid(trimmed, valid);
    }

    public record Valid(String user, Role role) {
    }
}
