package io.cloudunit.tenant.tenant;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.cloudunit.tenant.access.Access;
import io.cloudunit.tenant.access.Caller;
import io.cloudunit.tenant.access.Role;
import io.cloudunit.tenant.deletion.DeletionCompletion;
import io.cloudunit.tenant.member.MemberRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * {@code DELETE /tenants/{t}}: the tenant is marked as being deleted and {@code tenant.deletion-requested} is
 * emitted, in one transaction; the other services purge it and {@link DeletionCompletion} ends it (ADR 12). Asking
 * again while it is being deleted changes nothing.
 */
@ApplicationScoped
public class TenantDeletion {
    private static final Logger LOG = Logger.getLogger(TenantDeletion.class);

    private final TenantRepository tenants;
    private final MemberRepository members;
    private final Access access;
    private final Outbox outbox;
    private final DeletionCompletion completion;

    public TenantDeletion(TenantRepository tenants, MemberRepository members, Access access, Outbox outbox,
            DeletionCompletion completion) {
        this.tenants = tenants;
        this.members = members;
        this.access = access;
        this.outbox = outbox;
        this.completion = completion;
    }

    /** Locked like membership changes: it waits for the changes of the tenant under way, and they see it after. */
    @WithTransaction
    public Uni<TenantView> request(String name, Caller caller) {
        return members.lockMembershipOf(name)
                .chain(() -> access.requireRole(name, caller, Role.OWNER))
                .chain(() -> tenants.findById(name).onItem().ifNull().failWith(() -> Access.tenantNotFound(name)))
                .call(tenant -> tenant.beingDeleted() ? Uni.createFrom().voidItem() : mark(tenant, caller))
                .chain(tenant -> view(tenant, Role.OWNER));
    }

    /** The tenant with its deletion's progress when it is being deleted (the caller's session). */
    public Uni<TenantView> view(Tenant tenant, Role role) {
        return tenant.beingDeleted()
                ? completion.progressOf(tenant).map(progress -> TenantView.of(tenant, role, progress))
                : Uni.createFrom().item(TenantView.of(tenant, role));
    }

    private Uni<Void> mark(Tenant tenant, Caller caller) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        tenant.deletionRequestedAt = now;
        tenant.deletionRequestedBy = caller.id();
        tenant.deletionAnnouncedAt = now;
        return outbox.publish(new TenantEvent.DeletionRequested(tenant.name, caller.id()))
                .invoke(() -> LOG.infof("tenant %s: deletion requested by %s (%s)", tenant.name, caller.username(),
                        caller.id()))
                .replaceWithVoid();
    }
}
