package io.cloudunit.tenant.identity;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.jboss.logging.Logger;

import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.TenantServiceConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * Finds users in Keycloak, where they exist only, through its admin API with tenant-service's own service
 * account (see ADR 0009). A value with an {@code @} is an email, anything else a username.
 */
@ApplicationScoped
public class UserDirectory {
    private static final Logger LOG = Logger.getLogger(UserDirectory.class);
    private static final String CLIENT_CREDENTIALS = "client_credentials";

    private final KeycloakApi api;
    private final String realm;
    private final String clientId;
    private final ServiceAccountToken token;

    public UserDirectory(TenantServiceConfig config) {
        TenantServiceConfig.Keycloak keycloak = config.keycloak();
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(keycloak.url())
                .connectTimeout(keycloak.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(keycloak.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(KeycloakApi.class);
        this.realm = keycloak.realm();
        this.clientId = keycloak.clientId();
        this.token = new ServiceAccountToken(
                () -> api.token(realm, CLIENT_CREDENTIALS, keycloak.clientId(), keycloak.clientSecret()),
                keycloak.tokenRenewalMargin(), Clock.systemUTC());
    }

    /** The one user named {@code user} (username, or email when it contains {@code @}); a 404 problem if none. */
    public Uni<KeycloakApi.User> find(String user) {
        return search(user)
                .onFailure(UserDirectory::isUnauthorized).recoverWithUni(() -> {
                    token.forget();
                    return search(user);
                })
                .onFailure().transform(this::toProblem)
                .map(found -> single(user, found));
    }

    private Uni<List<KeycloakApi.User>> search(String user) {
        boolean byEmail = user.contains("@");
        return token.get().chain(bearer -> api.users(realm, byEmail ? null : user, byEmail ? user : null, true,
                "Bearer " + bearer));
    }

    private static KeycloakApi.User single(String user, List<KeycloakApi.User> found) {
        if (found.isEmpty()) {
            throw ProblemException.notFound("no user '" + user + "' in the identity provider: check the username "
                    + "or email");
        }
        if (found.size() > 1) {
            throw ProblemException.unprocessable(found.size() + " users have the email '" + user
                    + "' in the identity provider: add the member by username instead");
        }
        return found.get(0);
    }

    private static boolean isUnauthorized(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse().getStatus() == 401;
    }

    private Throwable toProblem(Throwable failure) {
        if (failure instanceof ProcessingException || failure instanceof IOException
                || failure.getCause() instanceof IOException) {
            LOG.warnf("Keycloak is not reachable for a user lookup: %s", failure.toString());
            return unavailable();
        }
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status >= 500) {
                LOG.warnf("Keycloak answered %d to a user lookup", status);
                return unavailable();
            }
            // A refused client or a missing role is the operator's to fix, not the caller's.
            LOG.errorf("Keycloak refused tenant-service's user lookup with %d: check client '%s' of realm '%s' "
                    + "(cloudunit.tenant.keycloak.*) and that its service account has view-users and query-users",
                    status, clientId, realm);
            return new ProblemException(502, "the identity provider refused tenant-service's user lookup; this is "
                    + "a server configuration problem: report it to the platform operator");
        }
        return failure;
    }

    private static ProblemException unavailable() {
        return new ProblemException(503, "the identity provider (Keycloak) is not reachable, so the user cannot be "
                + "looked up; retry in a moment");
    }
}
