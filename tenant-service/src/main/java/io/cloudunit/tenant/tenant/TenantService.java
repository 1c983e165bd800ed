package io.cloudunit.tenant.tenant;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.events.MemberEvent;
import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.TenantServiceConfig;
import io.cloudunit.tenant.access.Access;
import io.cloudunit.tenant.access.Caller;
import io.cloudunit.tenant.access.Role;
import io.cloudunit.tenant.member.Member;
import io.cloudunit.tenant.member.MemberRepository;
import io.cloudunit.tenant.persistence.UniqueViolation;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TenantService {
    private final TenantRepository tenants;
    private final MemberRepository members;
    private final Access access;
    private final Outbox outbox;
    private final TenantServiceConfig config;
    private final TenantDeletion deletion;

    public TenantService(TenantRepository tenants, MemberRepository members, Access access, Outbox outbox,
            TenantServiceConfig config, TenantDeletion deletion) {
        this.tenants = tenants;
        this.members = members;
        this.access = access;
        this.outbox = outbox;
        this.config = config;
        this.deletion = deletion;
    }

    /**
     * Creates the tenant with the caller as its owner. The events are written before the rows so that a
     * name taken by a concurrent request, refused by the primary key, also takes them back.
     */
    @WithTransaction
    public Uni<TenantView> create(NewTenant request, Caller caller) {
        NewTenant valid = request.validated();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Tenant tenant = Tenant.of(valid.name(), valid.displayName(), caller.id(), now);
        Member owner = Member.of(tenant.name, caller.id(), caller.username(), Role.OWNER, now);
        return requireBelowOwnedLimit(caller)
                .chain(() -> outbox.publish(new TenantEvent.Created(tenant.name, tenant.displayName, caller.id(),
                        caller.username())))
                .chain(() -> outbox.publish(new MemberEvent.Added(tenant.name, caller.id(), caller.username(),
                        Role.OWNER.label())))
                .chain(() -> tenants.persistAndFlush(tenant))
                .onFailure(e -> UniqueViolation.of(e, TenantRepository.NAME_KEY))
                .transform(e -> ProblemException.conflict("tenant name '" + tenant.name + "' is taken; choose another"))
                .chain(() -> members.persist(owner))
                .replaceWith(() -> TenantView.of(tenant, Role.OWNER));
    }

    @WithSession
    public Uni<List<TenantView>> listOf(Caller caller) {
        return tenants.ofMember(caller.id());
    }

    @WithSession
    public Uni<TenantView> get(String name, Caller caller) {
        return access.requireRole(name, caller, Role.VIEWER)
                .chain(member -> tenants.findById(name)
                        .onItem().ifNull().failWith(() -> Access.tenantNotFound(name))
                        .chain(tenant -> deletion.view(tenant, member.role)));
    }

    /**
     * Renames the tenant; {@code tenant.updated} only when the display name changes. Locked like membership
     * changes, so that the owner check sees an owner demoted a moment ago.
     */
    @WithTransaction
    public Uni<TenantView> update(String name, TenantUpdate request, Caller caller) {
        String displayName = request.validDisplayName(name);
        return members.lockMembershipOf(name)
                .chain(() -> access.requireRoleToChange(name, caller, Role.OWNER))
                .chain(() -> tenants.findById(name).onItem().ifNull().failWith(() -> Access.tenantNotFound(name)))
                .call(tenant -> displayName.equals(tenant.displayName) ? Uni.createFrom().voidItem()
                        : rename(tenant, displayName))
                .map(tenant -> TenantView.of(tenant, Role.OWNER));
    }

    private Uni<Void> rename(Tenant tenant, String displayName) {
        tenant.displayName = displayName;
        return outbox.publish(new TenantEvent.Updated(tenant.name, displayName)).replaceWithVoid();
    }

    private Uni<Void> requireBelowOwnedLimit(Caller caller) {
        int limit = config.maxTenantsPerUser();
        return members.countOwnedBy(caller.id()).invoke(owned -> {
            if (owned >= limit) {
                throw ProblemException.conflict("you already own " + owned + " tenants, the limit per user is "
                        + limit + " (cloudunit.tenant.max-tenants-per-user): delete one you no longer need");
            }
        }).replaceWithVoid();
    }
}
