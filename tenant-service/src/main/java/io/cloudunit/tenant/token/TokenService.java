package io.cloudunit.tenant.token;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.events.MemberEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.TenantServiceConfig;
import io.cloudunit.tenant.access.Access;
import io.cloudunit.tenant.access.Caller;
import io.cloudunit.tenant.access.Role;
import io.cloudunit.tenant.identity.TokenClients;
import io.cloudunit.tenant.member.Member;
import io.cloudunit.tenant.member.MemberRepository;
import io.cloudunit.tenant.persistence.UniqueViolation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Tokens for CLI and CI (ADR 0016). Keycloak work never runs inside a transaction: the owner is checked, the
 * client is created (or deleted), then one transaction records the token, its membership and the event. A
 * failure after the client exists deletes it again.
 */
@ApplicationScoped
public class TokenService {
    private final TokenRepository tokens;
    private final MemberRepository members;
    private final Access access;
    private final TokenClients clients;
    private final Outbox outbox;
    private final TenantServiceConfig.Tokens config;

    public TokenService(TokenRepository tokens, MemberRepository members, Access access, TokenClients clients,
            Outbox outbox, TenantServiceConfig config) {
        this.tokens = tokens;
        this.members = members;
        this.access = access;
        this.clients = clients;
        this.outbox = outbox;
        this.config = config.tokens();
    }

    public Uni<CreatedToken> create(String tenant, NewToken request, Caller caller) {
        return Uni.createFrom().item(() -> request.validated(config))
                .call(valid -> Panache.withSession(() -> access.requireRole(tenant, caller, Role.OWNER)
                        .chain(() -> requireNameFree(tenant, valid.name()))))
                .chain(valid -> clients.create(tenant, valid.name(), config.accessTokenLifespan())
                        .chain(credentials -> Panache.withTransaction(() -> record(tenant, valid, credentials, caller))
                                .onFailure().call(() -> clients.delete(credentials.clientUuid())
                                        .onFailure().recoverWithNull())
                                .map(token -> new CreatedToken(token.id, token.name, token.role,
                                        token.clientId, credentials.secret(), config.tokenUrl(), token.expiresAt))));
    }

    @WithSession
    public Uni<List<TokenView>> list(String tenant, Caller caller) {
        return access.requireRole(tenant, caller, Role.OWNER)
                .chain(() -> tokens.liveOf(tenant))
                .map(list -> list.stream().map(TokenView::of).toList());
    }

    /** Revokes one token of {@code tenant} for an owner; 404 when it does not exist or is revoked already. */
    public Uni<Void> revoke(String tenant, long id, Caller caller) {
        return Panache.withSession(() -> access.requireRole(tenant, caller, Role.OWNER)
                        .chain(() -> tokens.live(tenant, id))
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("no token " + id + " in tenant '"
                                + tenant + "': GET /api/v1/tenants/" + tenant + "/tokens lists them")))
                .chain(this::revoke);
    }

    /**
     * Deletes the token's Keycloak client, then its membership (with {@code member.removed}, so that the gateway
     * forgets it at once) and marks it revoked. A failed Keycloak call leaves everything as it was, to retry.
     */
    public Uni<Void> revoke(Token token) {
        return clients.delete(token.keycloakClientUuid)
                .chain(() -> Panache.withTransaction(() -> markRevoked(token.tenant, token.id)));
    }

    private Uni<Void> markRevoked(String tenant, long id) {
        return members.lockMembershipOf(tenant)
                .chain(() -> tokens.findById(id))
                .chain(token -> token.revokedAt != null ? Uni.createFrom().voidItem() : removeMembership(token));
    }

    private Uni<Void> removeMembership(Token token) {
        token.revokedAt = now();
        return members.ofToken(token.id).chain(member -> member == null ? Uni.createFrom().voidItem()
                : members.delete(member)
                        .chain(() -> outbox.publish(new MemberEvent.Removed(member.tenant, member.userId)))
                        .replaceWithVoid());
    }

    private Uni<Token> record(String tenant, NewToken.Valid valid, TokenClients.Credentials credentials,
            Caller caller) {
        OffsetDateTime now = now();
        Token token = new Token();
        token.tenant = tenant;
        token.name = valid.name();
        token.role = valid.role();
        token.clientId = credentials.clientId();
        token.keycloakClientUuid = credentials.clientUuid();
        token.serviceAccountUserId = credentials.serviceAccountUserId();
        token.createdBy = caller.username();
        token.createdAt = now;
        token.expiresAt = now.plusDays(valid.expiresInDays());
        return members.lockMembershipOf(tenant)
                .chain(() -> access.requireRole(tenant, caller, Role.OWNER))
                .chain(() -> tokens.persistAndFlush(token))
                .onFailure(e -> UniqueViolation.of(e, TokenRepository.LIVE_NAME_KEY))
                .transform(e -> nameTaken(tenant, valid.name()))
                .chain(() -> members.persist(membership(token, credentials)))
                .call(member -> outbox.publish(new MemberEvent.Added(tenant, member.userId, member.username,
                        member.role.label())))
                .replaceWith(token);
    }

    private static Member membership(Token token, TokenClients.Credentials credentials) {
        Member member = Member.of(token.tenant, credentials.serviceAccountUserId(),
                credentials.serviceAccountUsername(), token.role, token.createdAt);
        member.tokenId = token.id;
        member.expiresAt = token.expiresAt;
        return member;
    }

    private Uni<Void> requireNameFree(String tenant, String name) {
        return tokens.liveNamed(tenant, name).invoke(existing -> {
            if (existing != null) {
                throw nameTaken(tenant, name);
            }
        }).replaceWithVoid();
    }

    private static ProblemException nameTaken(String tenant, String name) {
        return ProblemException.conflict("tenant '" + tenant + "' already has a token named '" + name
                + "': choose another name, or revoke that one first");
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
