package io.cloudunit.tenant.quota;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.events.AppEvent;
import io.cloudunit.platform.events.QuotaEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.access.Access;
import io.cloudunit.tenant.access.Caller;
import io.cloudunit.tenant.access.PlatformAdmins;
import io.cloudunit.tenant.access.Role;
import io.cloudunit.tenant.app.AppRepository;
import io.cloudunit.tenant.app.AppRepository.Demand;
import io.cloudunit.tenant.plan.PlanCatalog;
import io.cloudunit.tenant.usage.UsageRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * A tenant's plan and limits, and the admission of every change that asks for more of them (ADR 0015). A
 * refusal writes {@code quota.exceeded} in the caller's transaction, which must then commit for the event to
 * exist; a change that asks for no more than before is admitted even above a lowered limit.
 */
@ApplicationScoped
public class QuotaService {
    private final TenantQuotaRepository quotas;
    private final PlanCatalog plans;
    private final AppRepository apps;
    private final UsageRepository usage;
    private final Access access;
    private final Outbox outbox;

    public QuotaService(TenantQuotaRepository quotas, PlanCatalog plans, AppRepository apps, UsageRepository usage,
            Access access, Outbox outbox) {
        this.quotas = quotas;
        this.plans = plans;
        this.apps = apps;
        this.usage = usage;
        this.access = access;
        this.outbox = outbox;
    }

    /** Members of the tenant (any role) and platform admins may read its quota. */
    @WithSession
    public Uni<QuotaView> get(String tenant, Caller caller) {
        return mayRead(tenant, caller).chain(() -> view(tenant));
    }

    /** Assigns the plan and overrides (platform admins only) and emits {@code quota.changed} if they changed. */
    public Uni<QuotaView> put(String tenant, Caller caller, QuotaAssignment request) {
        return Panache.withTransaction(() -> mayAssign(tenant, caller)
                .chain(() -> validated(request))
                .chain(assignment -> quotas.findById(tenant)
                        .chain(found -> assign(found != null ? found : TenantQuota.of(tenant), assignment))))
                .chain(() -> Panache.withSession(() -> view(tenant)));
    }

    /** The plan, limits and overrides that hold for the tenant now. Must run inside a session. */
    public Uni<Effective> effective(String tenant) {
        return quotas.findById(tenant).chain(this::effective);
    }

    /** Takes the tenant's quota lock for the rest of the transaction (see {@link TenantQuotaRepository#lockTenant}). */
    public Uni<Void> lock(String tenant) {
        return quotas.lockTenant(tenant).replaceWithVoid();
    }

    /** Whether the tenant may have one more app with this spec: maxApps, maxInstances and totalMemoryMb. */
    public Uni<Optional<ProblemException>> admitApp(String tenant, AppEvent.Spec spec) {
        return apps.demandOf(tenant).chain(before -> admit(tenant, "app creation", before,
                before.plus(Demand.of(spec))));
    }

    /** Whether the app may change from {@code before} to {@code after}: maxInstances and totalMemoryMb. */
    public Uni<Optional<ProblemException>> admitScale(String tenant, AppEvent.Spec before, AppEvent.Spec after) {
        return apps.demandOf(tenant).chain(demand -> admit(tenant, "scaling", demand,
                demand.minus(Demand.of(before)).plus(Demand.of(after))));
    }

    /** Tells every tenant on {@code plan} its new limits (a plan's limits changed). */
    public Uni<Void> planChanged(String plan) {
        return quotas.onPlan(plan).chain(onPlan -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (TenantQuota quota : onPlan) {
                all = all.chain(() -> effective(quota).chain(effective -> publishChanged(quota.tenant, effective)));
            }
            return all;
        });
    }

    private Uni<Void> publishChanged(String tenant, Effective effective) {
        return outbox.publish(new QuotaEvent.Changed(tenant, effective.plan(), effective.limits())).replaceWithVoid();
    }

    private Uni<Optional<ProblemException>> admit(String tenant, String change, Demand before, Demand after) {
        return effective(tenant).chain(effective -> {
            for (Check check : List.of(new Check(Limit.MAX_APPS, before.apps(), after.apps(), "apps"),
                    new Check(Limit.MAX_INSTANCES, before.instances(), after.instances(), "instances"),
                    new Check(Limit.TOTAL_MEMORY_MB, before.memoryMb(), after.memoryMb(), "MB of memory"))) {
                if (check.exceeds(effective)) {
                    return refuse(tenant, change, effective, check).map(Optional::of);
                }
            }
            return Uni.createFrom().item(Optional.<ProblemException>empty());
        });
    }

    private Uni<ProblemException> refuse(String tenant, String change, Effective effective, Check check) {
        int allowed = effective.of(check.limit());
        return outbox.publish(new QuotaEvent.Exceeded(tenant, check.limit().label(), check.after(), allowed))
                .map(published -> ProblemException.conflict(change + " refused: tenant '" + tenant
                        + "' would ask for " + check.after() + " " + check.unit() + ", its limit ("
                        + effective.describe(check.limit()) + ") is " + allowed + ": nothing was changed; "
                        + "free some (delete or scale down apps) or ask a platform admin for a larger plan"));
    }

    /** One limit checked: refused only when the change asks for more than before and more than allowed. */
    private record Check(Limit limit, long before, long after, String unit) {
        boolean exceeds(Effective effective) {
            return after > effective.of(limit) && after > before;
        }
    }

    private Uni<Effective> effective(TenantQuota quota) {
        String plan = quota == null || quota.plan == null ? PlanCatalog.DEFAULT : quota.plan;
        Map<Limit, Integer> overrides = quota == null ? Map.of() : quota.overrides();
        return plans.limitsOf(plan).map(limits -> new Effective(plan,
                Limit.overridden(limits.orElseGet(plans::defaults), overrides), overrides));
    }

    private Uni<QuotaView> view(String tenant) {
        return effective(tenant).chain(effective -> apps.demandOf(tenant)
                .chain(demand -> usage.totals(tenant).map(running -> new QuotaView(effective.plan(),
                        effective.limits(), Limit.labelled(effective.overrides()),
                        new QuotaView.Usage(demand.apps(), running.instances(), running.memoryMb(),
                                demand.instances(), demand.memoryMb())))));
    }

    private Uni<Void> mayRead(String tenant, Caller caller) {
        if (caller.platformAdmin()) {
            return quotas.tenantExists(tenant).invoke(exists -> requireTenant(exists, tenant)).replaceWithVoid();
        }
        return access.requireRole(tenant, caller, Role.VIEWER).replaceWithVoid();
    }

    /** A platform admin, on a tenant that exists; anyone else: 404 outside the tenant, 403 in it. */
    private Uni<Void> mayAssign(String tenant, Caller caller) {
        if (caller.platformAdmin()) {
            return quotas.lockTenant(tenant).invoke(exists -> requireTenant(exists, tenant)).replaceWithVoid();
        }
        return access.requireRole(tenant, caller, Role.VIEWER).<Void>map(member -> {
            throw PlatformAdmins.refused("assigning a tenant's plan and limits");
        });
    }

    private static void requireTenant(boolean exists, String tenant) {
        if (!exists) {
            throw Access.tenantNotFound(tenant);
        }
    }

    private Uni<Assignment> validated(QuotaAssignment request) {
        QuotaAssignment body = request != null ? request : QuotaAssignment.of(null, null);
        if (!body.unknownFields().isEmpty()) {
            throw ProblemException.unprocessable("unknown field(s) " + body.unknownFields() + ": the body is "
                    + "{\"plan\": \"<name>\", \"overrides\": {\"<limit>\": <value>}}; nothing was changed");
        }
        Map<Limit, Integer> overrides = Limit.parse("override", body.overrides, false);
        String plan = body.plan == null || PlanCatalog.DEFAULT.equals(body.plan) ? null : body.plan;
        return plans.limitsOf(plan).map(found -> {
            if (found.isEmpty()) {
                throw ProblemException.unprocessable("plan '" + body.plan + "' does not exist: GET /api/v1/plans "
                        + "lists the plans; nothing was changed");
            }
            return new Assignment(plan, overrides);
        });
    }

    private Uni<Void> assign(TenantQuota quota, Assignment assignment) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        boolean isNew = quota.updatedAt == null;
        if (!quota.assign(assignment.plan(), assignment.overrides(), now)) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> stored = isNew ? quotas.persist(quota).replaceWithVoid() : Uni.createFrom().voidItem();
        return stored.chain(() -> effective(quota)).chain(effective -> publishChanged(quota.tenant, effective));
    }

    private record Assignment(String plan, Map<Limit, Integer> overrides) {
    }
}
