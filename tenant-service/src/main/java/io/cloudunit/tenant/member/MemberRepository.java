package io.cloudunit.tenant.member;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.tenant.access.Role;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MemberRepository implements PanacheRepository<Member> {
    /*
     * NO KEY UPDATE rather than UPDATE: it does not wait for, nor block, the key-share locks that inserts
     * referencing the tenant take (a new app), nor plain reads; it only queues membership changes.
     */
    private static final String LOCK_TENANT = "select name from tenants where name = :tenant for no key update";

    /** A membership that has not lapsed: a tenant token's ends at its expiry, even before it is revoked. */
    private static final String CURRENT = "(expiresAt is null or expiresAt > :now)";
    /** A person, not the service account of a tenant token (those are managed under /tokens). */
    private static final String PERSON = "tokenId is null";

    public Uni<Member> find(String tenant, String userId) {
        return find("tenant = :tenant and userId = :user and " + CURRENT,
                now().and("tenant", tenant).and("user", userId)).firstResult();
    }

    public Uni<Member> findByUsername(String tenant, String username) {
        return find("tenant = ?1 and username = ?2 and " + PERSON, tenant, username).firstResult();
    }

    public Uni<List<Member>> ofTenant(String tenant) {
        return list("tenant = ?1 and " + PERSON, Sort.by("username"), tenant);
    }

    /** The membership of a tenant token, whether lapsed or not. */
    public Uni<Member> ofToken(long tokenId) {
        return find("tokenId", tokenId).firstResult();
    }

    private static Parameters now() {
        return Parameters.with("now", OffsetDateTime.now(ZoneOffset.UTC));
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
