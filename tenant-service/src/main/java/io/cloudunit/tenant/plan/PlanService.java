package io.cloudunit.tenant.plan;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.events.QuotaEvent;
import io.cloudunit.platform.problem.Names;
import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.access.Caller;
import io.cloudunit.tenant.access.PlatformAdmins;
import io.cloudunit.tenant.quota.Limit;
import io.cloudunit.tenant.quota.QuotaService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PlanService {
    private final PlanRepository plans;
    private final PlanCatalog catalog;
    private final QuotaService quotas;

    public PlanService(PlanRepository plans, PlanCatalog catalog, QuotaService quotas) {
        this.plans = plans;
        this.catalog = catalog;
        this.quotas = quotas;
    }

    /** Every plan, the default one with the limits of the configuration. */
    @WithSession
    public Uni<List<PlanView>> list() {
        return plans.all().map(rows -> {
            List<PlanView> views = new ArrayList<>();
            views.add(new PlanView(PlanCatalog.DEFAULT, catalog.defaults()));
            rows.stream().filter(plan -> !PlanCatalog.DEFAULT.equals(plan.name))
                    .forEach(plan -> views.add(new PlanView(plan.name, plan.limits())));
            views.sort(Comparator.comparing(PlanView::name));
            return views;
        });
    }

    /**
     * Creates or replaces a plan (platform admins); every tenant on it gets {@code quota.changed} with its new
     * limits in the same transaction.
     */
    public Uni<Saved> put(String name, Caller caller, Map<String, Integer> body) {
        if (!caller.platformAdmin()) {
            throw PlatformAdmins.refused("changing plans");
        }
        Names.requireDnsLabel("plan name", name);
        if (PlanCatalog.DEFAULT.equals(name)) {
            throw ProblemException.conflict("the plan 'default' comes from the configuration of tenant-service "
                    + "(cloudunit.tenant.quota.*): change it there, or assign another plan or overrides to a tenant");
        }
        QuotaEvent.Limits limits = Limit.limits(Limit.parse("limit", body, true));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> plans.findById(name).chain(found -> {
            Plan plan = found != null ? found : Plan.named(name);
            plan.setLimits(limits, now);
            Uni<?> stored = found != null ? plans.flush() : plans.persistAndFlush(plan);
            return stored.chain(() -> quotas.planChanged(name))
                    .replaceWith(new Saved(new PlanView(name, limits), found == null));
        }));
    }

    public record Saved(PlanView plan, boolean created) {
    }
}
