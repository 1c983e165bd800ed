package io.cloudunit.tenant.access;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.identity.TokenClients;
import io.quarkus.security.identity.SecurityIdentity;

/** Turns the verified bearer token of the current request into a {@link Caller}. */
@ApplicationScoped
public class CurrentCaller {
    static final String PLATFORM_ADMIN = "platform-admin";

    private final SecurityIdentity identity;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new ProblemException(401, "a bearer token is required: sign in and send 'Authorization: Bearer <token>'");
        }
        String username = token.getClaim("preferred_username");
        return new Caller(token.getSubject(), username != null ? username : token.getSubject(),
                identity.hasRole(PLATFORM_ADMIN));
    }

    /** Whether the caller is a token for CLI and CI (ADR 0016): its JWT names the one tenant it may act in. */
    public boolean isTenantToken() {
        return identity.getPrincipal() instanceof JsonWebToken token
                && token.containsClaim(TokenClients.TENANT_CLAIM);
    }
}
