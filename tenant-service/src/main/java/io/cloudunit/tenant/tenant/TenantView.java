package io.cloudunit.tenant.tenant;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.cloudunit.tenant.access.Role;

/**
 * A tenant as one of its members sees it, with that member's role (null for a platform admin who is no member).
 * {@code status} is {@code active}, or {@code deleting} once an owner asked to delete it; {@code deletion} then
 * says how far the deletion got (only in the answers about this one tenant). {@code suspension} is absent unless a
 * platform admin suspended the tenant.
 */
public record TenantView(String name, String displayName, Role role, OffsetDateTime createdAt, String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) DeletionProgress deletion,
        @JsonInclude(JsonInclude.Include.NON_NULL) Suspension suspension) {
    public static final String ACTIVE = "active";
    public static final String DELETING = "deleting";

    /** Why and since when the tenant is suspended, and by which platform admin. */
    public record Suspension(String reason, OffsetDateTime since, String by) {
        static Suspension of(String reason, OffsetDateTime since, String by) {
            return since == null ? null : new Suspension(reason, since, by);
        }
    }

    /** For the query that lists a member's tenants: status and suspension, no deletion progress. */
    public TenantView(String name, String displayName, Role role, OffsetDateTime createdAt,
            OffsetDateTime deletionRequestedAt, String suspensionReason, OffsetDateTime suspendedAt, String suspendedBy) {
        this(name, displayName, role, createdAt, statusOf(deletionRequestedAt), null,
                Suspension.of(suspensionReason, suspendedAt, suspendedBy));
    }

    public static TenantView of(Tenant tenant, Role role) {
        return of(tenant, role, null);
    }

    public static TenantView of(Tenant tenant, Role role, DeletionProgress deletion) {
        return new TenantView(tenant.name, tenant.displayName, role, tenant.createdAt,
                statusOf(tenant.deletionRequestedAt), deletion,
                Suspension.of(tenant.suspensionReason, tenant.suspendedAt, tenant.suspendedBy));
    }

    public static String statusOf(OffsetDateTime deletionRequestedAt) {
        return deletionRequestedAt == null ? ACTIVE : DELETING;
    }
}
