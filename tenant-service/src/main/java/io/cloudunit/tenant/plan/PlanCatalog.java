package io.cloudunit.tenant.plan;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.cloudunit.platform.events.QuotaEvent;
import io.cloudunit.platform.vertx.FreshContext;
import io.cloudunit.tenant.TenantServiceConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Where a plan's limits come from: the plan {@code default} from the configuration (its row in the table is a
 * copy written at each start), every other plan from the table. Must run inside a session.
 */
@ApplicationScoped
public class PlanCatalog {
    public static final String DEFAULT = "default";
    private static final Logger LOG = Logger.getLogger(PlanCatalog.class);

    private final PlanRepository plans;
    private final QuotaEvent.Limits defaults;
    private final Vertx vertx;

    public PlanCatalog(PlanRepository plans, TenantServiceConfig config, Vertx vertx) {
        this.plans = plans;
        TenantServiceConfig.Quota quota = config.quota();
        this.defaults = new QuotaEvent.Limits(quota.maxApps(), quota.maxInstances(), quota.totalMemoryMb(),
                quota.maxConcurrentBuilds(), quota.maxArtifactMb(), quota.maxConfigVars());
        this.vertx = vertx;
    }

    void seedDefault(@Observes StartupEvent started) {
        FreshContext.run(vertx, () -> Panache.withTransaction(() -> plans.upsert(DEFAULT, defaults)).subscribe()
                .with(done -> { }, failure -> LOG.warnf("writing the default plan to the table failed, the next "
                        + "start retries (its limits still apply, from the configuration): %s", failure.toString())));
    }

    public QuotaEvent.Limits defaults() {
        return defaults;
    }

    /** The limits of the plan {@code name} ({@code null}: the default plan), if it exists. */
    public Uni<Optional<QuotaEvent.Limits>> limitsOf(String name) {
        if (name == null || DEFAULT.equals(name)) {
            return Uni.createFrom().item(Optional.of(defaults));
        }
        return plans.findById(name).map(plan -> Optional.ofNullable(plan).map(Plan::limits));
    }
}
