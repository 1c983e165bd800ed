package io.cloudunit.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** One token bucket per key (a caller, a tenant), in memory; idle buckets are forgotten by {@link #evictIdle()}. */
public final class RateLimiter {
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoClock;

    public RateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a rate above 0 and a burst of at least 1, not "
                    + perSecond + "/s burst " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    /** Takes one call from {@code key}'s bucket: {@link Duration#ZERO} when allowed, else the time to wait. */
    public Duration take(String key) {
        long[] wait = new long[1];
        // compute() serialises the calls on one key, and an eviction of that key, without a lock of our own.
        buckets.compute(key, (k, bucket) -> {
            long now = nanoClock.getAsLong();
            TokenBucket current = bucket != null ? bucket : new TokenBucket(perSecond, burst, now);
            wait[0] = current.take(now);
            return current;
        });
        return Duration.ofNanos(wait[0]);
    }

    /** Forgets the buckets that refilled completely: memory grows with the keys active recently only. */
    public void evictIdle() {
        for (String key : buckets.keySet()) {
            buckets.computeIfPresent(key, (k, bucket) -> bucket.isFull(nanoClock.getAsLong()) ? null : bucket);
        }
    }

    public int size() {
        return buckets.size();
    }

    public double perSecond() {
        return perSecond;
    }

    public int burst() {
        return burst;
    }
}
