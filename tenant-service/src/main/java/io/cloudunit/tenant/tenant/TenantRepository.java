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
    /*
     * FOR SHARE: a change of the tenant's content waits for a deletion request being committed (and sees it), and
     * a deletion request waits for the changes already under way; changes do not wait for one another.
     */
    private static final String DELETION_MARK = """
            select deletion_requested_at is not null from tenants where name = :tenant for share""";

    /** The tenants {@code userId} is a member of (a lapsed tenant token's membership excluded), with the role. */
    public Uni<List<TenantView>> ofMember(String userId) {
        return getSession().chain(session -> session.createSelectionQuery("""
                select new io.cloudunit.tenant.tenant.TenantView(t.name, t.displayName, m.role, t.createdAt,
                        t.deletionRequestedAt, t.suspensionReason, t.suspendedAt, t.suspendedBy)
                from Tenant t, Member m where m.tenant = t.name and m.userId = :user
                and (m.expiresAt is null or m.expiresAt > :now) order by t.name""", TenantView.class)
                .setParameter("user", userId).setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                .getResultList());
    }

    /** Whether the tenant is being deleted, its row share-locked until the transaction ends. */
    public Uni<Boolean> lockDeletionMark(String tenant) {
        return getSession().chain(session -> session.createNativeQuery(DELETION_MARK, Boolean.class)
                .setParameter("tenant", tenant)
                .getResultList())
                .map(rows -> !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0)));
    }

    /** The tenants being deleted, oldest request first. */
    public Uni<List<String>> beingDeleted() {
        return getSession().chain(session -> session.createSelectionQuery(
                "select t.name from Tenant t where t.deletionRequestedAt is not null order by t.deletionRequestedAt",
                String.class).getResultList());
    }
}
