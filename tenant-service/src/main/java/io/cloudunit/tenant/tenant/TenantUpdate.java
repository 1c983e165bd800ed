package io.cloudunit.tenant.tenant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.cloudunit.platform.problem.ProblemException;

/** Body of {@code PATCH /tenants/{t}}: the display name is the only thing that may change. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TenantUpdate(String displayName) {

    /** The new display name, validated as at creation (blank means the tenant's name); 422 when missing. */
    public String validDisplayName(String tenant) {
        if (displayName == null) {
            throw ProblemException.unprocessable("displayName is required: {\"displayName\": \"Acme Corp\"} "
                    + "(an empty one resets it to the tenant's name)");
        }
        return NewTenant.validDisplayName(tenant, displayName);
    }
}
