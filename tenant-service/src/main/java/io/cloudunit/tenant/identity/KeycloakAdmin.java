package io.cloudunit.tenant.identity;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.jboss.logging.Logger;

import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.TenantServiceConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * Keycloak's admin API with tenant-service's own service account: each call gets the cached service token,
 * and is retried once with a new one when Keycloak refuses it (Keycloak restarted with new keys).
 */
@ApplicationScoped
public class KeycloakAdmin {
    private static final Logger LOG = Logger.getLogger(KeycloakAdmin.class);
    private static final String CLIENT_CREDENTIALS = "client_credentials";

    private final KeycloakApi api;
    private final String realm;
    private final String clientId;
    private final ServiceAccountToken token;

    public KeycloakAdmin(TenantServiceConfig config) {
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

    /** Runs {@code call(api, "Bearer <service token>")}, once more with a new token if the first one is refused. */
    public <T> Uni<T> call(BiFunction<KeycloakApi, String, Uni<T>> call) {
        return token.get().chain(bearer -> call.apply(api, "Bearer " + bearer))
                .onFailure(failure -> status(failure) == 401).recoverWithUni(() -> {
                    token.forget();
                    return token.get().chain(bearer -> call.apply(api, "Bearer " + bearer));
                });
    }

    public String realm() {
        return realm;
    }

    /** The HTTP status Keycloak answered with, or 0 when the failure is not an answer. */
    public static int status(Throwable failure) {
        return failure instanceof WebApplicationException web ? web.getResponse().getStatus() : 0;
    }

    /**
     * The problem a failed admin call becomes: 503 when Keycloak is unreachable or failing, 502 (the operator's
     * to fix) when it refused tenant-service. {@code action} names the call, e.g. "user lookup".
     */
    public Throwable toProblem(Throwable failure, String action, String neededRoles) {
        if (failure instanceof ProcessingException || failure instanceof IOException
                || failure.getCause() instanceof IOException) {
            LOG.warnf("Keycloak is not reachable for a %s: %s", action, failure.toString());
            return unavailable(action);
        }
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status >= 500) {
                LOG.warnf("Keycloak answered %d to a %s", status, action);
                return unavailable(action);
            }
            // A refused client or a missing role is the operator's to fix, not the caller's.
            LOG.errorf("Keycloak refused tenant-service's %s with %d: check client '%s' of realm '%s' "
                    + "(cloudunit.tenant.keycloak.*) and that its service account has %s", action, status, clientId,
                    realm, neededRoles);
            return new ProblemException(502, "the identity provider refused tenant-service's " + action + "; this is "
                    + "a server configuration problem: report it to the platform operator");
        }
        return failure;
    }

    private static ProblemException unavailable(String action) {
        return new ProblemException(503, "the identity provider (Keycloak) is not reachable, so the " + action
                + " cannot be done; retry in a moment");
    }
}
