package io.cloudunit.tenant.member;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.tenant.access.Access;
import io.cloudunit.tenant.access.Caller;
import io.cloudunit.tenant.access.Role;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MemberService {
    private final MemberRepository members;
    private final Access access;

    public MemberService(MemberRepository members, Access access) {
        this.members = members;
        this.access = access;
    }

    @WithSession
    public Uni<List<MemberView>> list(String tenant, Caller caller) {
        return access.requireRole(tenant, caller, Role.VIEWER)
                .chain(() -> members.ofTenant(tenant))
                .map(list -> list.stream().map(MemberView::of).toList());
    }
}
