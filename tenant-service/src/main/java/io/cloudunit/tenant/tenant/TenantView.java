package io.cloudunit.tenant.tenant;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.cloudunit.tenant.access.Role;

/**
 * A tenant as one of its members sees it, with that member's role. {@code status} is {@code active}, or
 * {@code deleting} once an owner asked to delete it; {@code deletion} then says how far the deletion got (only
 * in the answers about this one tenant).
 */
public record TenantView(String name, String displayName, Role role, OffsetDateTime createdAt, String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) DeletionProgress deletion) {
    public static final String ACTIVE = "active";
    public static final String DELETING = "deleting";

    /** For the list query: the status only. */
    public TenantView(String name, String displayName, Role role, OffsetDateTime createdAt,
            OffsetDateTime deletionRequestedAt) {
        this(name, displayName, role, createdAt, statusOf(deletionRequestedAt), null);
    }

    public static TenantView of(Tenant tenant, Role role) {
        return new TenantView(tenant.name, tenant.displayName, role, tenant.createdAt,
                statusOf(tenant.deletionRequestedAt), null);
    }

    public static TenantView of(Tenant tenant, Role role, DeletionProgress deletion) {
        return new TenantView(tenant.name, tenant.displayName, role, tenant.createdAt,
                statusOf(tenant.deletionRequestedAt), deletion);
    }

    public static String statusOf(OffsetDateTime deletionRequestedAt) {
        return deletionRequestedAt == null ? ACTIVE : DELETING;
    }
}
