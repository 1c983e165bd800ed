package io.cloudunit.tenant.tenant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.cloudunit.platform.problem.Names;
import io.cloudunit.platform.problem.ProblemException;

/** Body of {@code POST /tenants}; {@code displayName} defaults to the name. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NewTenant(String name, String displayName) {
    static final int MAX_DISPLAY_NAME = 100;

    /** The request with its defaults applied; 422 when a field is invalid. */
    public NewTenant validated() {
        Names.requireDnsLabel("tenant name", name);
        return new NewTenant(name, validDisplayName(name, displayName));
    }

    /** {@code displayName} trimmed, or the tenant's name when blank; 422 when too long. */
    static String validDisplayName(String name, String displayName) {
        if (displayName == null || displayName.isBlank()) {
            return name;
        }
        String trimmed = displayName.strip();
        if (trimmed.length() > MAX_DISPLAY_NAME) {
            throw ProblemException.unprocessable("displayName is " + trimmed.length() + " characters long: use at most "
                    + MAX_DISPLAY_NAME);
        }
        return trimmed;
    }
}
