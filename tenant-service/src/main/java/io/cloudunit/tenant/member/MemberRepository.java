package io.cloudunit.tenant.member;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.tenant.access.Role;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MemberRepository implements PanacheRepository<Member> {

    public Uni<Member> find(String tenant, String userId) {
        return find("tenant = ?1 and userId = ?2", tenant, userId).firstResult();
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
}
