package io.cloudunit.gateway;

import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/** The verified caller of an {@code /api} call: the token's {@code sub} and, for people, its username. */
public record Caller(String id, String username) {

    /** Empty for an anonymous call (Quarkus authenticated the bearer token, if any, before our routes). */
    public static Optional<Caller> of(RoutingContext ctx) {
        if (!(ctx.user() instanceof QuarkusHttpUser user) || user.getSecurityIdentity().isAnonymous()) {
            return Optional.empty();
        }
        SecurityIdentity identity = user.getSecurityIdentity();
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            String username = jwt.getClaim("preferred_username");
            return Optional.of(new Caller(jwt.getSubject(), username != null ? username : jwt.getName()));
        }
        String name = identity.getPrincipal().getName();
        return Optional.of(new Caller(name, name));
    }
}
