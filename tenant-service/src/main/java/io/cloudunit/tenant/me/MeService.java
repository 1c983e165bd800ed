package io.cloudunit.tenant.me;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.tenant.access.Caller;
import io.cloudunit.tenant.member.Member;
import io.cloudunit.tenant.member.MemberRepository;
import io.cloudunit.tenant.tenant.TenantRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MeService {
    private final MemberRepository members;
    private final TenantRepository tenants;

    public MeService(MemberRepository members, TenantRepository tenants) {
        this.members = members;
        this.tenants = tenants;
    }

    @WithSession
    public Uni<MeView> me(Caller caller) {
        return members.ofUser(caller.id()).chain(memberships -> tenants.suspendedAmong(
                memberships.stream().map(m -> m.tenant).toList())
                .map(suspended -> new MeView(caller.id(), caller.username(), caller.platformAdmin(),
                        views(memberships, suspended))));
    }

    private static List<MeView.Membership> views(List<Member> memberships, Set<String> suspended) {
        return memberships.stream()
                .map(m -> new MeView.Membership(m.tenant, m.role, suspended.contains(m.tenant)))
                .toList();
    }
}
