package io.cloudunit.tenant.tenant;

import java.time.OffsetDateTime;

import io.cloudunit.tenant.access.Role;

/** A tenant as one of its members sees it, with that member's role. */
public record TenantView(String name, String displayName, Role role, OffsetDateTime createdAt) {

    public static TenantView of(Tenant tenant, Role role) {
        return new TenantView(tenant.name, tenant.displayName, role, tenant.createdAt);
    }
}
