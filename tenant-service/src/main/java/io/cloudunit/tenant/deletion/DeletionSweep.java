package io.cloudunit.tenant.deletion;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.platform.vertx.FreshContext;
import io.cloudunit.tenant.tenant.TenantRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Looks at every tenant being deleted on a timer (and so after any restart): completes the deletions whose answers
 * are all in, asks again where they are late. One transaction per tenant, so that one failing tenant does not hold
 * up the others.
 */
@ApplicationScoped
public class DeletionSweep {
    private static final Logger LOG = Logger.getLogger(DeletionSweep.class);

    private final TenantRepository tenants;
    private final DeletionCompletion completion;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();

    public DeletionSweep(TenantRepository tenants, DeletionCompletion completion, Vertx vertx) {
        this.tenants = tenants;
        this.completion = completion;
        this.vertx = vertx;
    }

    @Scheduled(every = "${cloudunit.tenant.deletion.check-interval:30s}", delayed = "1s")
    void tick() {
        if (running.compareAndSet(false, true)) {
            FreshContext.run(vertx, () -> sweep().subscribe().with(done -> running.set(false), failure -> {
                running.set(false);
                LOG.warnf("cannot check the tenants being deleted, the next pass retries: %s", failure.toString());
            }));
        }
    }

    public Uni<Void> sweep() {
        return Panache.withSession(tenants::beingDeleted)
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(tenant -> Panache.withTransaction(() -> completion.check(tenant))
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("tenant %s: deletion check failed, the next pass retries: %s", tenant,
                                    failure.toString());
                            return null;
                        }))
                .collect().last()
                .replaceWithVoid();
    }
}
