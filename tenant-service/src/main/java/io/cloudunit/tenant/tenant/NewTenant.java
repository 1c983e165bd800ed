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
        if (displayName == null || displayName.isBlank()) {
            return new NewTenant(name, name);
        }
        String trimmed = displayName.strip();
        if (trimmed.length() > MAX_DISPLAY_NAME) {
            throw ProblemException.unprocessable("displayName is " + trimmed.length() + " characters long: use at most "
                    + MAX_DISPLAY_NAME);
        }
        return new NewTenant(name, trimmed);
    }
}
