package io.cloudunit.tenant.member;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.tenant.access.Role;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MemberRepository implements PanacheRepository<Member> {
    /*
     * NO KEY UPDATE rather than UPDATE: it does not wait for, nor block, the key-share locks that inserts
     * referencing the tenant take (a new app), nor plain reads; it only queues membership changes.
     */
    private static final String LOCK_TENANT = "select name from tenants where name = :tenant for no key update";

    public Uni<Member> find(String tenant, String userId) {
        return find("tenant = ?1 and userId = ?2", tenant, userId).firstResult();
    }

    public Uni<Member> findByUsername(String tenant, String username) {
        return find("tenant = ?1 and username = ?2", tenant, username).firstResult();
    }

    public Uni<List<Member>> ofTenant(String tenant) {
        return list("tenant", Sort.by("username"), tenant);
    }

    public Uni<List<Member>> ofUser(String userId) {
        return list("userId", Sort.by("tenant"), userId);
    }

    public Uni<Long> countOwnedBy(String userId) {
        return count("userId = ?1 and role = ?2", userId, Role.OWNER);
    }

    public Uni<Long> countOwnersOf(String tenant) {
        return count("tenant = ?1 and role = ?2", tenant, Role.OWNER);
    }

    /**
     * Locks the tenant's row until the transaction ends. Every change of a tenant's membership takes this
     * lock before it reads any role, so changes of one tenant run one after the other and each sees what
     * the previous one committed: two owners demoting each other at once cannot both see a second owner.
     * A tenant that does not exist locks nothing.
     */
    public Uni<Void> lockMembershipOf(String tenant) {
        return getSession().chain(session -> session.createNativeQuery(LOCK_TENANT, String.class)
                .setParameter("tenant", tenant)
                .getResultList())
                .replaceWithVoid();
    }
}
