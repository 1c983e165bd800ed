package io.cloudunit.tenant.suspension;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.suspension.TenantSuspensions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Refuses new work for a suspended tenant (409, ADR 14). Reads the tenant's row FOR SHARE, so that a suspension
 * committing meanwhile (an update of that row) waits for the caller's transaction or is seen by it: no app or member
 * slips in after the suspension. Must run inside the caller's transaction, after its access check.
 */
@ApplicationScoped
public class SuspensionGuard {
    private static final String REASON = """
            select coalesce(suspension_reason, '') from tenants where name = :tenant and suspended_at is not null
            for share""";

    public Uni<Void> requireActive(String tenant) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(REASON, String.class)
                        .setParameter("tenant", tenant)
                        .getResultList())
                .chain(reasons -> reasons.isEmpty() ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(TenantSuspensions.suspended(tenant, reasons.get(0))));
    }
}
