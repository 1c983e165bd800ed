package io.cloudunit.gateway.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.vertx.core.Future;
import io.vertx.core.Promise;

class MembershipCacheTest {
    private Instant now = Instant.parse("2030-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final MembershipCache cache = new MembershipCache(Duration.ofSeconds(60), clock);
    private final AtomicInteger loads = new AtomicInteger();
    private final Supplier<Future<Membership>> loader = () -> {
        loads.incrementAndGet();
        return Future.succeededFuture(new Membership("u1", "alice", false, Map.of("acme", Role.OWNER)));
    };

    @Test
    void anAnswerIsReusedUntilItsTtlPasses() {
        cache.get("u1", loader);
        cache.get("u1", loader);
        assertEquals(1, loads.get());
        now = now.plusSeconds(61);
        cache.get("u1", loader);
        assertEquals(2, loads.get());
    }

    @Test
    void invalidationForcesTheNextLookupToAskAgain() {
        cache.get("u1", loader);
        cache.invalidate("u1");
        cache.get("u1", loader);
        assertEquals(2, loads.get());
    }

    @Test
    void aDeletedTenantForgetsItsMembersOnly() {
        cache.get("u1", loader);
        cache.get("u2", () -> Future.succeededFuture(new Membership("u2", "bob", false, Map.of("globex", Role.OWNER))));
        cache.invalidateTenant("acme");
        assertEquals(1, cache.size());
    }

    @Test
    void concurrentRefreshesOfTheSameStaleAnswerShareOneCall() {
        Future<Membership> stale = cache.get("u1", loader);
        Promise<Membership> pending = Promise.promise();
        Supplier<Future<Membership>> slow = () -> {
            loads.incrementAndGet();
            return pending.future();
        };
        Future<Membership> first = cache.refresh("u1", stale, slow);
        Future<Membership> second = cache.refresh("u1", stale, slow);
        assertSame(first, second);
        assertEquals(2, loads.get());
    }

    @Test
    void aFailedLookupIsNotRemembered() {
        cache.get("u1", () -> {
            loads.incrementAndGet();
            return Future.failedFuture("tenant-service down");
        });
        cache.get("u1", loader);
        assertEquals(2, loads.get());
        assertEquals(1, cache.size());
    }
}
