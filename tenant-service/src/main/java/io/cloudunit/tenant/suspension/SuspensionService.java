package io.cloudunit.tenant.suspension;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.access.Access;
import io.cloudunit.tenant.access.Caller;
import io.cloudunit.tenant.member.MemberRepository;
import io.cloudunit.tenant.tenant.Tenant;
import io.cloudunit.tenant.tenant.TenantRepository;
import io.cloudunit.tenant.tenant.TenantView;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Suspends and reinstates a tenant (platform admins only, ADR 14), each change with its event in one transaction.
 * Both are idempotent: suspending a suspended tenant only updates the reason (and says so again with
 * {@code tenant.suspended}, so that every service shows the new one); the same reason again, or reinstating a
 * tenant that is not suspended, changes nothing and emits nothing.
 */
@ApplicationScoped
public class SuspensionService {
    private final TenantRepository tenants;
    private final MemberRepository members;
    private final Outbox outbox;

    public SuspensionService(TenantRepository tenants, MemberRepository members, Outbox outbox) {
        this.tenants = tenants;
        this.members = members;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<TenantView> suspend(String name, SuspensionRequest request, Caller caller) {
        return lockedAsAdmin(name, caller).chain(tenant -> {
            String reason = request.validReason();
            if (reason.equals(tenant.suspensionReason) && tenant.isSuspended()) {
                return view(tenant, caller);
            }
            if (!tenant.isSuspended()) {
                tenant.suspendedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
                tenant.suspendedBy = caller.username();
            }
            tenant.suspensionReason = reason;
            return outbox.publish(new TenantEvent.Suspended(name, reason)).chain(() -> view(tenant, caller));
        });
    }

    @WithTransaction
    public Uni<TenantView> reinstate(String name, Caller caller) {
        return lockedAsAdmin(name, caller).chain(tenant -> {
            if (!tenant.isSuspended()) {
                return view(tenant, caller);
            }
            tenant.suspendedAt = null;
            tenant.suspendedBy = null;
            tenant.suspensionReason = null;
            return outbox.publish(new TenantEvent.Reinstated(name)).chain(() -> view(tenant, caller));
        });
    }

    /**
     * The tenant, locked, for a platform admin. Anyone else gets what the gateway answers too: 403 when they are a
     * member, the tenant's 404 otherwise.
     */
    private Uni<Tenant> lockedAsAdmin(String name, Caller caller) {
        return requireAdmin(name, caller)
                .chain(() -> tenants.findById(name, LockModeType.PESSIMISTIC_WRITE))
                .onItem().ifNull().failWith(() -> Access.tenantNotFound(name));
    }

    private Uni<Void> requireAdmin(String name, Caller caller) {
        if (caller.platformAdmin()) {
            return Uni.createFrom().voidItem();
        }
        return members.find(name, caller.id()).invoke(member -> {
            if (member == null) {
                throw Access.tenantNotFound(name);
            }
            throw new ProblemException(403, "suspending or reinstating tenant '" + name + "' needs a platform "
                    + "administrator and you are " + member.role.label() + " in it: ask a platform administrator");
        }).replaceWithVoid();
    }

    private Uni<TenantView> view(Tenant tenant, Caller caller) {
        return members.find(tenant.name, caller.id())
                .map(member -> TenantView.of(tenant, member == null ? null : member.role));
    }
}
