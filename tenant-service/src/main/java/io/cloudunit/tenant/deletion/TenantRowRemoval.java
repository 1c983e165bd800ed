package io.cloudunit.tenant.deletion;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Every row tenant-service holds of a tenant, deleted in the caller's transaction. The platform's bookkeeping
 * (outbox rows, sequence counters) stays on purpose (ADR 13).
 */
@ApplicationScoped
public class TenantRowRemoval {
    // Children first: config vars reference apps, apps and members reference the tenant.
    private static final List<String> DELETES = List.of(
            "delete from config_vars where tenant = :tenant",
            "delete from apps where tenant = :tenant",
            "delete from members where tenant = :tenant",
            "delete from instance_usage where tenant = :tenant",
            // A token still live has a Keycloak client to delete first: TokenExpiry revokes it (the tenant is being
            // deleted) and removes its row once the tenant is gone.
            "delete from tokens where tenant = :tenant and revoked_at is not null",
            "delete from tenant_deletion_confirmations where tenant = :tenant",
            "delete from tenants where name = :tenant");

    public Uni<Void> deleteAllOf(String tenant) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String sql : DELETES) {
            chain = chain.chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(sql)
                    .setParameter("tenant", tenant)
                    .executeUpdate())).replaceWithVoid();
        }
        return chain;
    }
}
