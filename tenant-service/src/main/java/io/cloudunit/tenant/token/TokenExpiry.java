package io.cloudunit.tenant.token;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Revokes expired tokens, and tokens whose tenant is being deleted or gone, like an owner would: their Keycloak
 * client goes. Revoked tokens of a deleted tenant are then forgotten.
 * Until it runs, an expired token's membership is ignored already (see MemberRepository).
 */
@ApplicationScoped
public class TokenExpiry {
    private static final Logger LOG = Logger.getLogger(TokenExpiry.class);

    private final TokenRepository tokens;
    private final TokenService service;

    public TokenExpiry(TokenRepository tokens, TokenService service) {
        this.tokens = tokens;
        this.service = service;
    }

    @Scheduled(every = "${cloudunit.tenant.tokens.expiry-check:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onTimer() {
        return revokeDue().replaceWithVoid();
    }

    /** Revokes every token due; answers how many were revoked. One that fails is retried on the next pass. */
    public Uni<Long> revokeDue() {
        return Panache.withSession(() -> tokens.dueForRevocation(OffsetDateTime.now(ZoneOffset.UTC)))
                .onItem().transformToMulti(due -> Multi.createFrom().iterable(due))
                .onItem().transformToUniAndConcatenate(token -> service.revoke(token)
                        .invoke(() -> LOG.infof("revoked token '%s' (%s) of tenant %s: %s", token.name,
                                token.clientId, token.tenant, token.expiresAt.isAfter(OffsetDateTime.now())
                                        ? "its tenant is being deleted or gone" : "expired at " + token.expiresAt))
                        .replaceWith(1L)
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("token %s of tenant %s is due for revocation but was not revoked, the next "
                                    + "pass retries: %s", token.clientId, token.tenant, failure.toString());
                            return 0L;
                        }))
                .collect().with(java.util.stream.Collectors.summingLong(Long::longValue))
                .call(() -> Panache.withTransaction(tokens::deleteRevokedOfDeletedTenants));
    }
}
