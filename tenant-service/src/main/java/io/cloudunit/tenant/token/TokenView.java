package io.cloudunit.tenant.token;

import java.time.OffsetDateTime;

import io.cloudunit.tenant.access.Role;

/** A token as listed: never its secret, which only Keycloak keeps. */
public record TokenView(long id, String name, Role role, String clientId, String createdBy, OffsetDateTime createdAt,
        OffsetDateTime expiresAt) {

    public static TokenView of(Token token) {
        return new TokenView(token.id, token.name, token.role, token.clientId, token.createdBy, token.createdAt,
                token.expiresAt);
    }
}
