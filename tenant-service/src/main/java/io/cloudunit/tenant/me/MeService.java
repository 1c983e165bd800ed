package io.cloudunit.tenant.me;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.tenant.access.Caller;
import io.cloudunit.tenant.tenant.TenantRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MeService {
    private final TenantRepository tenants;

    public MeService(TenantRepository tenants) {
        this.tenants = tenants;
    }

    @WithSession
    public Uni<MeView> me(Caller caller) {
        return tenants.ofMember(caller.id()).map(memberships -> new MeView(caller.id(), caller.username(),
                caller.platformAdmin(),
                memberships.stream().map(t -> new MeView.Membership(t.name(), t.role(), t.status(),
                        t.suspension() != null)).toList()));
    }
}
