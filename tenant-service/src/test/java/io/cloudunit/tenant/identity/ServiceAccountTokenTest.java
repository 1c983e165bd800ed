package io.cloudunit.tenant.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** The caching rule alone, with a counting token source and a clock the test moves. */
class ServiceAccountTokenTest {
    private static final Duration MARGIN = Duration.ofSeconds(30);

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger grants = new AtomicInteger();
    private boolean keycloakDown;

    private final ServiceAccountToken token = new ServiceAccountToken(() -> {
        if (keycloakDown) {
            return Uni.createFrom().failure(new IllegalStateException("connection refused"));
        }
        return Uni.createFrom().item(new KeycloakApi.Token("token-" + grants.incrementAndGet(), 300));
    }, MARGIN, clock);

    @Test
    void theTokenIsReusedUntilTheMarginBeforeItExpires() {
        assertEquals("token-1", get());
        clock.advance(Duration.ofSeconds(269));
        assertEquals("token-1", get());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("token-2", get());
        assertEquals("token-2", get());
        assertEquals(2, grants.get());
    }

    @Test
    void aForgottenTokenIsFetchedAgain() {
        assertEquals("token-1", get());
        token.forget();
        assertEquals("token-2", get());
    }

    @Test
    void aFailedGrantIsNotCached() {
        keycloakDown = true;
        assertThrows(IllegalStateException.class, this::get);
        keycloakDown = false;
        assertEquals("token-1", get());
    }

    @Test
    void aTokenShorterThanTheMarginIsNeverReused() {
        ServiceAccountToken shortLived = new ServiceAccountToken(
                () -> Uni.createFrom().item(new KeycloakApi.Token("short-" + grants.incrementAndGet(), 10)), MARGIN,
                clock);
        assertEquals("short-1", shortLived.get().await().indefinitely());
        assertEquals("short-2", shortLived.get().await().indefinitely());
    }

    private String get() {
        return token.get().await().indefinitely();
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
