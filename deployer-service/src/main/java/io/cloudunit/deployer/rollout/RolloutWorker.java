package io.cloudunit.deployer.rollout;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.runtime.Blocking;
import io.cloudunit.platform.outbox.CommitSignal;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Polls for PENDING deployments (FOR UPDATE SKIP LOCKED) and runs each rollout on a worker thread of its own:
 * rollouts of different apps proceed in parallel, Docker calls never block an event loop. Every transaction
 * that creates a deployment also publishes its deployment.started event, so the commit signal of the outbox
 * wakes the poller at once; the interval only bounds the wait for deployments created elsewhere.
 */
@ApplicationScoped
public class RolloutWorker {
    private static final Logger LOG = Logger.getLogger(RolloutWorker.class);

    private final DeploymentService deployments;
    private final Rollout rollout;
    private final DeployerConfig config;
    private final CommitSignal commits;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final Semaphore wakeUp = new Semaphore(0);
    private final ExecutorService pool;
    private volatile boolean recovered;
    private volatile boolean stopping;
    private Thread poller;

    public RolloutWorker(DeploymentService deployments, Rollout rollout, DeployerConfig config,
            CommitSignal commits) {
        this.commits = commits;
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
        commits.onCommit(wakeUp::release);
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
                wakeUp.tryAcquire(config.rolloutPollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
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
                wakeUp.release(); // a slot is free: deployments waiting for one need not wait for the interval
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
