package io.cloudunit.tenant.tenant;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, String> {
    /** The primary key, reported when a second tenant with a taken name is inserted. */
    static final String NAME_KEY = "tenants_pkey";

    /** Those of {@code names} a platform admin suspended. */
    public Uni<Set<String>> suspendedAmong(List<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return find("select name from Tenant where name in ?1 and suspendedAt is not null", names)
                .project(String.class).list()
                .map(Set::copyOf);
    }

    /** The tenants {@code userId} is a member of, each with that user's role. */
    public Uni<List<TenantView>> ofMember(String userId) {
        return getSession().chain(session -> session.createSelectionQuery("""
                select new io.cloudunit.tenant.tenant.TenantView(t.name, t.displayName, m.role, t.createdAt,
                    t.suspensionReason, t.suspendedAt, t.suspendedBy)
                from Tenant t, Member m where m.tenant = t.name and m.userId = :user order by t.name""",
                TenantView.class).setParameter("user", userId).getResultList());
    }
}
