package io.cloudunit.gateway.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cloudunit.gateway.GatewayConfig;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Future;

/**
 * Memberships per user id (token {@code sub}), each trusted for a TTL. Concurrent lookups of one user share
 * one call to tenant-service; a failed call is not remembered.
 */
@ApplicationScoped
public class MembershipCache {
    private record Entry(Future<Membership> membership, Instant loadedAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    @Inject
    public MembershipCache(GatewayConfig config) {
        this(config.membershipTtl(), Clock.systemUTC());
    }

    MembershipCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The cached membership of {@code userId}, loaded when absent, expired or failed. */
    public Future<Membership> get(String userId, Supplier<Future<Membership>> loader) {
        return loadUnless(userId, loader, this::usable);
    }

    /**
     * Loads again unless someone already replaced {@code seen} (then shares their answer): a burst of
     * requests for a tenant the caller just joined costs one call, not one per request.
     */
    public Future<Membership> refresh(String userId, Future<Membership> seen, Supplier<Future<Membership>> loader) {
        return loadUnless(userId, loader, current -> usable(current) && current.membership() != seen);
    }

    public void invalidate(String userId) {
        entries.remove(userId);
    }

    /** Forgets every user who was a member of {@code tenant} (e.g. it was deleted). */
    public void invalidateTenant(String tenant) {
        entries.values().removeIf(entry -> entry.membership().succeeded()
                && entry.membership().result().isMemberOf(tenant));
    }

    public int size() {
        return entries.size();
    }

    @Scheduled(every = "60s", delayed = "60s")
    void evictExpired() {
        entries.values().removeIf(entry -> !usable(entry));
    }

    private Future<Membership> loadUnless(String userId, Supplier<Future<Membership>> loader,
            Predicate<Entry> keep) {
        Entry[] loaded = new Entry[1];
        Entry entry = entries.compute(userId, (id, current) -> {
            if (current != null && keep.test(current)) {
                return current;
            }
            loaded[0] = new Entry(loader.get(), clock.instant());
            return loaded[0];
        });
        if (loaded[0] != null) {
            // Outside compute: a future that already failed would otherwise modify the map re-entrantly.
            loaded[0].membership().onFailure(failure -> entries.remove(userId, loaded[0]));
        }
        return entry.membership();
    }

    private boolean usable(Entry entry) {
        return entry != null && !entry.membership().failed()
                && entry.loadedAt().plus(ttl).isAfter(clock.instant());
    }
}
