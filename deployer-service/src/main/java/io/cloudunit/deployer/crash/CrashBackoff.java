package io.cloudunit.deployer.crash;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.deployer.DeployerConfig;

/**
 * When the reconciler may relaunch a crashed app's instances: {@code initial × 2^(crashes - 1)} after its last crash,
 * at most {@code max}, where crashes are those of the serving release within the window (ADR 0025). In memory: a
 * restarted deployer relaunches at once, then counts from the crashes in the database again.
 */
@ApplicationScoped
public class CrashBackoff {
    private final DeployerConfig.Crash config;
    private final Map<String, Long> notBefore = new ConcurrentHashMap<>();

    public CrashBackoff(DeployerConfig config) {
        this.config = config.crash();
    }

    public Duration delay(long crashes) {
        long initial = config.backoffInitial().toNanos();
        long max = config.backoffMax().toNanos();
        int doublings = (int) Math.min(Math.max(crashes - 1, 0), 40);
        long delay = doublings >= Long.numberOfLeadingZeros(initial) - 1 ? max : initial << doublings;
        return Duration.ofNanos(Math.min(delay, max));
    }

    /** Records a crash; answers how long the app's relaunch waits. */
    public Duration crashed(String appKey, long crashes) {
        Duration delay = delay(crashes);
        notBefore.put(appKey, System.nanoTime() + delay.toNanos());
        return delay;
    }

    public boolean due(String appKey) {
        Long until = notBefore.get(appKey);
        if (until == null) {
            return true;
        }
        if (System.nanoTime() >= until) {
            notBefore.remove(appKey, until);
            return true;
        }
        return false;
    }

    public Duration remaining(String appKey) {
        Long until = notBefore.get(appKey);
        return until == null ? Duration.ZERO : Duration.ofNanos(Math.max(0, until - System.nanoTime()));
    }
}
