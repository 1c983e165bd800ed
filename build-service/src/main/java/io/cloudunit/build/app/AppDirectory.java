package io.cloudunit.build.app;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import io.cloudunit.build.BuildConfig;
import io.cloudunit.platform.events.Sequences;
import io.cloudunit.platform.problem.Names;
import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.platform.problem.UpstreamFailures;
import io.quarkus.cache.CacheResult;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * Finds an app by asking tenant-service with the caller's own token. tenant-service answers 404 to
 * non-members, so a found app is also the caller's permission to see and build it. Positive answers are
 * cached briefly per token (see {@code quarkus.cache.caffeine.app-lookups}) so that polling a build does
 * not hit tenant-service every time.
 */
@ApplicationScoped
public class AppDirectory {
    static final String CACHE = "app-lookups";

    private final TenantServiceClient client;

    public AppDirectory(BuildConfig config) {
        this.client = QuarkusRestClientBuilder.newBuilder()
                .baseUri(config.tenantServiceUrl())
                .connectTimeout(config.tenantServiceTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.tenantServiceTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(TenantServiceClient.class);
    }

    /** The app, or a 404 problem when it does not exist or the caller is not a member of its tenant. */
    @CacheResult(cacheName = CACHE)
    public Uni<KnownApp> find(String tenant, String app, String authorization) {
        if (!isName(tenant) || !isName(app)) {
            return Uni.createFrom().failure(appNotFound());
        }
        return client.app(tenant, app, authorization)
                .map(response -> new KnownApp(response.getEntity(),
                        Sequences.parse(response.getHeaderString(Sequences.HTTP_HEADER))))
                .onFailure().transform(AppDirectory::toProblem);
    }

    private static boolean isName(String value) {
        return value != null && Names.DNS_LABEL.matcher(value).matches();
    }

    private static Throwable toProblem(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() == 404) {
            return appNotFound();
        }
        return UpstreamFailures.toProblem(failure, "tenant-service", "looking up the app");
    }

    private static ProblemException appNotFound() {
        return ProblemException.notFound("app not found: check the tenant and app names, and that you are a "
                + "member of the tenant");
    }
}
