package io.cloudunit.tenant.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/** tenant-service's own access token (client credentials grant), reused until shortly before it expires. */
final class ServiceAccountToken {
    private final Supplier<Uni<KeycloakApi.Token>> grant;
    private final Duration renewalMargin;
    private final Clock clock;
    private final AtomicReference<Cached> cached = new AtomicReference<>();

    ServiceAccountToken(Supplier<Uni<KeycloakApi.Token>> grant, Duration renewalMargin, Clock clock) {
        this.grant = grant;
        this.renewalMargin = renewalMargin;
        this.clock = clock;
    }

    /**
     * The cached token, or a new one. Concurrent renewals may each ask Keycloak for a token: every one of
     * them is valid, so the cost of serializing them is not worth paying for a rare owner action.
     */
    Uni<String> get() {
        Cached current = cached.get();
        if (current != null && clock.instant().isBefore(current.renewAt())) {
            return Uni.createFrom().item(current.value());
        }
        // Measured from before the request, so the token is renewed early rather than late.
        Instant requestedAt = clock.instant();
        return grant.get().map(token -> {
            Instant renewAt = requestedAt.plusSeconds(token.expiresIn()).minus(renewalMargin);
            cached.set(new Cached(token.accessToken(), renewAt));
            return token.accessToken();
        });
    }

    /** Drops the cached token, e.g. after Keycloak refused it (it restarted with new keys). */
    void forget() {
        cached.set(null);
    }

    private record Cached(String value, Instant renewAt) {
    }
}
