package io.cloudunit.deployer.access;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.platform.problem.UpstreamFailures;
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
        return client.me(authorization).onFailure().transform(failure -> UpstreamFailures.toProblem(failure,
                "tenant-service", "checking your membership"));
    }
}
