package io.cloudunit.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(2, 3, now::get);

    @Test
    void aBurstPassesThenTheNextCallWaitsForItsToken() {
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.take("alice").isZero(), "call " + i + " of the burst");
        }
        assertEquals(500, millis(limiter.take("alice")), "one token every 500 ms at 2/s");
        now.addAndGet(Duration.ofMillis(200).toNanos());
        assertEquals(300, millis(limiter.take("alice")), "a refused call takes nothing");
        now.addAndGet(Duration.ofMillis(300).toNanos());
        assertTrue(limiter.take("alice").isZero());
        assertEquals(500, millis(limiter.take("alice")));
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            limiter.take("acme");
        }
        assertTrue(!limiter.take("acme").isZero());
        assertTrue(limiter.take("globex").isZero());
    }

    @Test
    void aBucketRefillsUpToItsBurstOnly() {
        for (int i = 0; i < 3; i++) {
            limiter.take("alice");
        }
        now.addAndGet(Duration.ofMinutes(10).toNanos());
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.take("alice").isZero());
        }
        assertTrue(!limiter.take("alice").isZero());
    }

    @Test
    void onlyBucketsThatRefilledCompletelyAreEvicted() {
        limiter.take("idle");
        limiter.take("busy");
        now.addAndGet(Duration.ofMillis(600).toNanos());
        limiter.take("busy");
        limiter.evictIdle();
        assertEquals(1, limiter.size(), "idle refilled its one token in 500 ms; busy has not");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        limiter.evictIdle();
        assertEquals(0, limiter.size());
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertEquals(1, RateLimitHandler.retryAfterSeconds(Duration.ofNanos(1)));
        assertEquals(1, RateLimitHandler.retryAfterSeconds(Duration.ofMillis(1000)));
        assertEquals(2, RateLimitHandler.retryAfterSeconds(Duration.ofMillis(1001)));
        assertEquals(1, RateLimitHandler.retryAfterSeconds(Duration.ZERO));
    }

    @Test
    void aLimitThatCouldNeverPassIsRefusedAtStartup() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, 10, now::get));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(5, 0, now::get));
    }

    /** The wait rounded to the millisecond: the refill is computed in floating point. */
    private static long millis(Duration wait) {
        return Math.round(wait.toNanos() / 1e6);
    }
}
