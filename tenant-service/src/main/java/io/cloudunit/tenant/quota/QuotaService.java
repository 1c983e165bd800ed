package io.cloudunit.tenant.quota;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.events.QuotaEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.TenantServiceConfig;
import io.cloudunit.tenant.access.Access;
import io.cloudunit.tenant.access.Caller;
import io.cloudunit.tenant.access.Role;
import io.cloudunit.tenant.app.AppRepository;
import io.cloudunit.tenant.usage.UsageRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class QuotaService {
    static final String MAX_APPS = "maxApps";

    private final TenantServiceConfig.Quota limits;
    private final AppRepository apps;
    private final UsageRepository usage;
    private final Access access;
    private final Outbox outbox;

    public QuotaService(TenantServiceConfig config, AppRepository apps, UsageRepository usage, Access access,
            Outbox outbox) {
        this.limits = config.quota();
        this.apps = apps;
        this.usage = usage;
        this.access = access;
        this.outbox = outbox;
    }

    @WithSession
    public Uni<QuotaView> get(String tenant, Caller caller) {
        return access.requireRole(tenant, caller, Role.VIEWER)
                .chain(() -> apps.countOf(tenant))
                .chain(appCount -> usage.totals(tenant).map(totals -> new QuotaView(limits.plan(),
                        new QuotaView.Limits(limits.maxApps(), limits.maxInstances(), limits.totalMemoryMb(),
                                limits.maxConfigVars()),
                        new QuotaView.Usage(appCount, totals.instances(), totals.memoryMb()))));
    }

    /**
     * Whether the tenant may have one more app. A refusal writes {@code quota.exceeded} in the caller's
     * transaction, which must then commit for the event to exist.
     */
    public Uni<Optional<ProblemException>> admitApp(String tenant) {
        int allowed = limits.maxApps();
        return apps.countOf(tenant).chain(count -> {
            if (count < allowed) {
                return Uni.createFrom().item(Optional.<ProblemException>empty());
            }
            return outbox.publish(new QuotaEvent.Exceeded(tenant, MAX_APPS, count + 1, allowed))
                    .map(published -> Optional.of(ProblemException.conflict("tenant '" + tenant + "' already has "
                            + count + " apps, its limit (" + MAX_APPS + " of plan " + limits.plan() + ") is "
                            + allowed + ": delete an app you no longer need")));
        });
    }
}
