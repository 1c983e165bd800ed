package io.cloudunit.tenant.tenant;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, String> {
    /** The primary key, reported when a second tenant with a taken name is inserted. */
    static final String NAME_KEY = "tenants_pkey";

    /** The tenants {@code userId} is a member of, each with that user's role. */
    public Uni<List<TenantView>> ofMember(String userId) {
        return getSession().chain(session -> session.createSelectionQuery("""
                select new io.cloudunit.tenant.tenant.TenantView(t.name, t.displayName, m.role, t.createdAt)
                from Tenant t, Member m where m.tenant = t.name and m.userId = :user order by t.name""",
                TenantView.class).setParameter("user", userId).getResultList());
    }
}
