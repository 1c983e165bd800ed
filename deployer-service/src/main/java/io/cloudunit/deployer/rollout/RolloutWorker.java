package io.cloudunit.deployer.rollout;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.runtime.Blocking;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Polls for PENDING deployments (FOR UPDATE SKIP LOCKED) and runs each rollout on a worker thread of its own:
 * rollouts of different apps proceed in parallel, Docker calls never block an event loop.
 */
@ApplicationScoped
public class RolloutWorker {
    private static final Logger LOG = Logger.getLogger(RolloutWorker.class);

    private final DeploymentService deployments;
    private final Rollout rollout;
    private final DeployerConfig config;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final ExecutorService pool;
    private volatile boolean recovered;
    private volatile boolean stopping;
    private Thread poller;

    public RolloutWorker(DeploymentService deployments, Rollout rollout, DeployerConfig config) {
        this.deployments = deployments;
        this.rollout = rollout;
        this.config = config;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(config.maxConcurrentRollouts(), task -> {
            Thread thread = new Thread(task, "rollout-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    // A thread of its own rather than @Scheduled: the simple scheduler does not fire more often than once a second.
    void start(@Observes StartupEvent ignored) {
        poller = new Thread(this::pollUntilStopped, "rollout-poller");
        poller.setDaemon(true);
        poller.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopping = true;
        if (poller != null) {
            poller.interrupt();
        }
        pool.shutdownNow();
    }

    private void pollUntilStopped() {
        while (!stopping) {
            poll();
            try {
                Thread.sleep(config.rolloutPollInterval().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void poll() {
        try {
            recoverOnce();
            int free = config.maxConcurrentRollouts() - inFlight.size();
            if (free > 0) {
                Blocking.await(() -> deployments.claim(free)).forEach(this::dispatch);
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.warnf("rollout poll failed, retrying: %s", e.getMessage());
            }
        }
    }

    /** The first poll, before anything is claimed, puts back what a previous run left RUNNING. */
    private void recoverOnce() {
        if (!recovered) {
            int requeued = Blocking.await(deployments::requeueInterrupted);
            if (requeued > 0) {
                LOG.infof("%d interrupted deployment(s) will be retried", requeued);
            }
            recovered = true;
        }
    }

    private void dispatch(RolloutPlan plan) {
        inFlight.add(plan.deploymentId());
        pool.execute(() -> {
            try {
                rollout.execute(plan);
            } catch (RuntimeException e) {
                LOG.errorf(e, "rollout of %s failed unexpectedly", plan.target().key());
                failQuietly(plan, "the deployer failed while rolling out: " + e.getMessage());
            } finally {
                inFlight.remove(plan.deploymentId());
            }
        });
    }

    private void failQuietly(RolloutPlan plan, String reason) {
        try {
            Blocking.await(() -> deployments.fail(plan, reason));
        } catch (RuntimeException e) {
            LOG.warnf("deployment %s stays RUNNING and is retried at the next start: %s", plan.deploymentId(),
                    e.getMessage());
        }
    }
}
