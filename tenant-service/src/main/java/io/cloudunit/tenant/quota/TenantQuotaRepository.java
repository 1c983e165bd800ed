package io.cloudunit.tenant.quota;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TenantQuotaRepository implements PanacheRepositoryBase<TenantQuota, String> {
    // "No key update" does not conflict with the key-share locks that inserting members or apps takes.
    private static final String LOCK_TENANT = "select name from tenants where name = :tenant for no key update";

    /** The tenants assigned to {@code plan}. */
    public Uni<List<TenantQuota>> onPlan(String plan) {
        return list("plan", plan);
    }

    /**
     * Serialises the changes that quota checks admit in one tenant, so that two concurrent requests cannot
     * both take the last free app or instance. Answers whether the tenant exists.
     */
    public Uni<Boolean> lockTenant(String tenant) {
        return getSession().chain(session -> session.createNativeQuery(LOCK_TENANT, String.class)
                .setParameter("tenant", tenant).getResultList())
                .map(rows -> !rows.isEmpty());
    }

    public Uni<Boolean> tenantExists(String tenant) {
        return getSession().chain(session -> session.createNativeQuery(
                "select count(*) from tenants where name = :tenant", Long.class)
                .setParameter("tenant", tenant).getSingleResult())
                .map(count -> count > 0);
    }
}
