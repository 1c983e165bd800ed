package io.cloudunit.gateway.ratelimit;

/**
 * Up to {@code burst} calls at once, refilled continuously at {@code perSecond}. Not thread-safe: its
 * {@link RateLimiter} serialises the calls on one bucket.
 */
final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1_000_000_000d;
    /** Refills are floating point: a caller who waited exactly the time announced must find a whole token. */
    private static final double ROUNDING = 1e-9;

    private final double perNano;
    private final int burst;
    private double tokens;
    private long updatedAt;

    TokenBucket(double perSecond, int burst, long now) {
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.tokens = burst;
        this.updatedAt = now;
    }

    /** Takes a token for one call: 0 when there was one, else the nanoseconds until there will be one. */
    long take(long now) {
        refill(now);
        if (tokens >= 1 - ROUNDING) {
            tokens = Math.max(0, tokens - 1);
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
    }

    /** A full bucket carries no memory of past calls: forgetting it changes nothing. */
    boolean isFull(long now) {
        refill(now);
        return tokens >= burst - ROUNDING;
    }

    private void refill(long now) {
        if (now > updatedAt) {
            tokens = Math.min(burst, tokens + (now - updatedAt) * perNano);
            updatedAt = now;
        }
    }
}
