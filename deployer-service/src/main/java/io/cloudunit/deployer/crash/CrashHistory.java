package io.cloudunit.deployer.crash;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.runtime.Blocking;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;

/**
 * Forgets recorded exits older than {@code crash.keep} (ADR 0025), on a timer. A row only counts towards a crash
 * loop within {@code crash.window} and only dedupes an exit seen again (the event stream reconnecting, a catch-up
 * after a restart), which happens within minutes: kept for days, the table would otherwise grow with every crash
 * of every app for ever.
 */
@ApplicationScoped
public class CrashHistory {
    private static final Logger LOG = Logger.getLogger(CrashHistory.class);
    private static final String PRUNE = "delete from instance_crash where recorded_at < :before";

    private final DeployerConfig config;

    public CrashHistory(DeployerConfig config) {
        this.config = config;
    }

    @Scheduled(every = "${cloudunit.deployer.crash.prune-interval:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onTimer() {
        try {
            int pruned = prune();
            if (pruned > 0) {
                LOG.infof("forgot %d exits recorded more than %s ago", pruned, config.crash().keep());
            }
        } catch (RuntimeException e) {
            LOG.warnf("pruning the recorded exits failed, the next pass retries: %s", e.getMessage());
        }
    }

    /** Deletes the exits recorded before {@code crash.keep} ago; answers how many. */
    public int prune() {
        OffsetDateTime before = OffsetDateTime.now().minus(config.crash().keep());
        return Blocking.await(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(PRUNE).setParameter("before", before).executeUpdate())));
    }
}
