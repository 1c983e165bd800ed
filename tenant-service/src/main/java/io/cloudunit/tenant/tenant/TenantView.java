package io.cloudunit.tenant.tenant;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.cloudunit.tenant.access.Role;

/**
 * A tenant as one of its members sees it, with that member's role (null for a platform admin who is no member).
 * {@code suspension} is absent unless a platform admin suspended the tenant.
 */
public record TenantView(String name, String displayName, Role role, OffsetDateTime createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Suspension suspension) {

    /** Why and since when the tenant is suspended, and by which platform admin. */
    public record Suspension(String reason, OffsetDateTime since, String by) {
    }

    /** For the query that lists a member's tenants. */
    public TenantView(String name, String displayName, Role role, OffsetDateTime createdAt, String reason,
            OffsetDateTime since, String by) {
        this(name, displayName, role, createdAt, since == null ? null : new Suspension(reason, since, by));
    }

    public static TenantView of(Tenant tenant, Role role) {
        return new TenantView(tenant.name, tenant.displayName, role, tenant.createdAt, tenant.suspensionReason,
                tenant.suspendedAt, tenant.suspendedBy);
    }
}
