package io.cloudunit.tenant.me;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.tenant.access.Caller;
import io.cloudunit.tenant.member.MemberRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MeService {
    private final MemberRepository members;

    public MeService(MemberRepository members) {
        this.members = members;
    }

    @WithSession
    public Uni<MeView> me(Caller caller) {
        return members.ofUser(caller.id()).map(memberships -> new MeView(caller.id(), caller.username(),
                caller.platformAdmin(),
                memberships.stream().map(m -> new MeView.Membership(m.tenant, m.role)).toList()));
    }
}
