package io.cloudunit.deployer.access;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.platform.problem.ProblemException;
import io.quarkus.cache.CacheResult;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * Which tenants the caller belongs to, asked of tenant-service (the owner of memberships) with the caller's own
 * token. Answers are reused for the same token for a few seconds (see {@code quarkus.cache.caffeine.memberships}),
 * so that polling a deployment does not ask tenant-service every time.
 */
@ApplicationScoped
public class Memberships {
    static final String CACHE = "memberships";

    private final TenantServiceClient client;

    public Memberships(DeployerConfig config) {
        this.client = QuarkusRestClientBuilder.newBuilder()
                .baseUri(config.tenantServiceUrl())
                .connectTimeout(config.tenantServiceTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.tenantServiceTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(TenantServiceClient.class);
    }

    @CacheResult(cacheName = CACHE)
    public Uni<CallerTenants> of(String authorization) {
        return client.me(authorization).onFailure().transform(Memberships::toProblem);
    }

    private static Throwable toProblem(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status == 401) {
                return new ProblemException(401, "your token was refused: sign in again");
            }
            return new ProblemException(502, "tenant-service answered " + status
                    + " while checking your membership; retry in a moment");
        }
        if (failure instanceof ProcessingException || failure instanceof IOException
                || failure.getCause() instanceof IOException) {
            return new ProblemException(503, "tenant-service is not reachable to check your membership; "
                    + "retry in a moment");
        }
        return failure;
    }
}
