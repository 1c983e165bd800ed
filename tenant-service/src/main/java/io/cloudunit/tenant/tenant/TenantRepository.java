package io.cloudunit.tenant.tenant;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, String> {
    /** The primary key, reported when a second tenant with a taken name is inserted. */
    static final String NAME_KEY = "tenants_pkey";

    /** The tenants {@code userId} is a member of (a lapsed tenant token's membership excluded), with the role. */
    public Uni<List<TenantView>> ofMember(String userId) {
        return getSession().chain(session -> session.createSelectionQuery("""
                select new io.cloudunit.tenant.tenant.TenantView(t.name, t.displayName, m.role, t.createdAt)
                from Tenant t, Member m where m.tenant = t.name and m.userId = :user
                and (m.expiresAt is null or m.expiresAt > :now) order by t.name""", TenantView.class)
                .setParameter("user", userId).setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                .getResultList());
    }
}
