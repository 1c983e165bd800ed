package io.cloudunit.gateway.access;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Future;

/** A caller's memberships, from the cache, asked again once when a tenant is missing from them. */
@ApplicationScoped
public class Memberships {
    private final MembershipCache cache;
    private final MembershipClient client;

    public Memberships(MembershipCache cache, MembershipClient client) {
        this.cache = cache;
        this.client = client;
    }

    /**
     * The caller's memberships, fresh enough to judge access to {@code tenant}: a tenant the caller created
     * or joined a moment ago is not in a cached answer yet, so a miss is asked again before being believed.
     */
    public Future<Membership> toJudge(String userId, String authorization, String tenant) {
        Future<Membership> cached = cache.get(userId, () -> client.me(authorization));
        return cached.compose(membership -> membership.isMemberOf(tenant)
                ? Future.succeededFuture(membership)
                : cache.refresh(userId, cached, () -> client.me(authorization)));
    }

    public void forget(String userId) {
        cache.invalidate(userId);
    }
}
