package io.cloudunit.tenant.token;

import java.time.OffsetDateTime;

import io.cloudunit.tenant.access.Role;

/**
 * The answer to creating a token: the only time its secret is shown. Exchange {@code clientId} and
 * {@code clientSecret} at {@code tokenUrl} (grant type client_credentials) for a short-lived access token.
 */
public record CreatedToken(long id, String name, Role role, String clientId, String clientSecret, String tokenUrl,
        OffsetDateTime expiresAt) {

    @Override
    public String toString() {
        return "CreatedToken[id=" + id + ", name=" + name + ", clientId=" + clientId + ", clientSecret=<hidden>]";
    }
}
