package io.cloudunit.tenant.token;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.cloudunit.platform.problem.Names;
import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.TenantServiceConfig;
import io.cloudunit.tenant.access.Role;

/** Body of {@code POST /tenants/{t}/tokens}: {@code {"name": "ci-deploy", "role": "developer", "expiresInDays": 90}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NewToken(String name, String role, Integer expiresInDays) {

    /** The request with its default applied; 422 naming every invalid field otherwise. */
    public Valid validated(TenantServiceConfig.Tokens limits) {
        List<String> errors = new ArrayList<>();
        try {
            Names.requireDnsLabel("token name", name);
        } catch (ProblemException e) {
            errors.add(e.getMessage());
        }
        Role valid = validRole(errors);
        int days = expiresInDays == null ? limits.defaultExpiresInDays() : expiresInDays;
        if (days < 1 || days > limits.maxExpiresInDays()) {
            errors.add("expiresInDays is " + days + ": use 1 to " + limits.maxExpiresInDays()
                    + " (a token that must live longer is replaced by a new one before it expires)");
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(String.join("; ", errors));
        }
        return new Valid(name, valid, days);
    }

    private Role validRole(List<String> errors) {
        if (Role.Names.OWNER.equals(role)) {
            // An owner token could add members and create tokens: access that outlives its own expiry and revocation.
            errors.add("role owner is not allowed for a token: a token could then hand out membership and tokens "
                    + "that outlive it; use developer or viewer");
            return null;
        }
        if (role == null || Role.of(role).isEmpty()) {
            errors.add(role == null ? "role is required: use developer or viewer"
                    : "role '" + role + "' is not valid: use developer or viewer");
            return null;
        }
        return Role.of(role).get();
    }

    public record Valid(String name, Role role, int expiresInDays) {
    }
}
