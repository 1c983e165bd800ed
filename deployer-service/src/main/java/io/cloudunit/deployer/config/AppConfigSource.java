package io.cloudunit.deployer.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.DeployerConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The values of an app's config vars, read from tenant-service (their owner) for a new release's snapshot. The
 * deployer authenticates with its own service token (client credentials, cached until shortly before it expires);
 * values never travel in events. While tenant-service or Keycloak do not answer, it asks again with growing pauses
 * up to {@code config-fetch-deadline}; a refused token is renewed once.
 */
@ApplicationScoped
public class AppConfigSource {
    private static final Logger LOG = Logger.getLogger(AppConfigSource.class);

    private final TenantConfigClient tenantService;
    private final TenantConfigClient.TokenEndpoint keycloak;
    private final DeployerConfig config;
    private final AtomicReference<CachedToken> token = new AtomicReference<>();

    public AppConfigSource(DeployerConfig config) {
        this.config = config;
        long timeout = config.tenantServiceTimeout().toMillis();
        this.tenantService = QuarkusRestClientBuilder.newBuilder()
                .baseUri(config.tenantServiceUrl())
                .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                .build(TenantConfigClient.class);
        this.keycloak = QuarkusRestClientBuilder.newBuilder()
                .baseUri(config.identity().tokenUrl())
                .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                .build(TenantConfigClient.TokenEndpoint.class);
    }

    /** The app's vars by name; none for an app tenant-service does not know (deleted meanwhile). */
    public Uni<Map<String, String>> varsOf(String tenant, String app) {
        Duration deadline = config.configFetchDeadline();
        // Back-off pauses resume on another thread: the caller's Vert.x context (its database session lives there)
        // gets the answer back.
        Context caller = Vertx.currentContext();
        Uni<Map<String, String>> vars = attempt(tenant, app)
                .onFailure(AppConfigSource::worthRetrying).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).expireIn(deadline.toMillis())
                .onFailure().transform(failure -> new IllegalStateException("could not read the config vars of "
                        + tenant + "/" + app + " from tenant-service within " + deadline + ": " + failure, failure));
        return caller == null ? vars : vars.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private Uni<Map<String, String>> attempt(String tenant, String app) {
        return withToken(bearer -> tenantService.vars(tenant, app, bearer))
                .map(answer -> answer.vars() == null ? Map.<String, String>of() : answer.vars())
                .onFailure(failure -> status(failure) == 404).recoverWithItem(failure -> {
                    LOG.infof("tenant-service does not know app %s/%s (deleted?): its release has no config vars",
                            tenant, app);
                    return Map.of();
                });
    }

    private Uni<TenantConfigClient.Vars> withToken(
            java.util.function.Function<String, Uni<TenantConfigClient.Vars>> call) {
        return bearer().chain(b -> call.apply(b))
                .onFailure(failure -> status(failure) == 401).recoverWithUni(failure -> {
                    token.set(null);
                    return bearer().chain(b -> call.apply(b));
                });
    }

    private Uni<String> bearer() {
        CachedToken current = token.get();
        if (current != null && Instant.now().isBefore(current.renewAt())) {
            return Uni.createFrom().item(current.bearer());
        }
        Instant requestedAt = Instant.now();
        DeployerConfig.Identity identity = config.identity();
        return keycloak.token("client_credentials", identity.clientId(), identity.clientSecret()).map(answer -> {
            String bearer = "Bearer " + answer.accessToken();
            token.set(new CachedToken(bearer,
                    requestedAt.plusSeconds(answer.expiresIn()).minus(identity.renewalMargin())));
            return bearer;
        });
    }

    /** 403 (the role is missing) and 4xx answers are not healed by asking again; no answer and 5xx may be. */
    private static boolean worthRetrying(Throwable failure) {
        int status = status(failure);
        return status == 0 || status >= 500 || status == 401;
    }

    private static int status(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse() != null
                ? web.getResponse().getStatus() : 0;
    }

    private record CachedToken(String bearer, Instant renewAt) {
    }
}
