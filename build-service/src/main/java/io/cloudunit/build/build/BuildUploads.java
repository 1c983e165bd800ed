package io.cloudunit.build.build;

import java.io.InputStream;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.build.BuildConfig;
import io.cloudunit.build.app.AppDirectory;
import io.cloudunit.build.app.AppView;
import io.cloudunit.build.app.KnownApp;
import io.cloudunit.build.artifact.ArtifactStore;
import io.cloudunit.build.artifact.IncomingArtifact;
import io.cloudunit.build.artifact.UploadLimit;
import io.cloudunit.build.limits.BuildLimits;
import io.cloudunit.build.limits.TenantBuildLimits;
import io.cloudunit.build.stack.Recipe;
import io.cloudunit.build.stack.Recipes;
import io.cloudunit.build.worker.BuildWorker;
import io.cloudunit.platform.purge.TenantPurgeLedger;
import io.cloudunit.platform.suspension.TenantSuspensions;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Accepts an upload: runs on a worker thread because the body is read as a blocking stream, straight to
 * disk. The cheap refusals (unknown app, tenant being deleted or
 * suspended, unbuildable stack, a Content-Length over the tenant's artifact limit) come before the body is read;
 * a body without a Content-Length is refused as soon as it passes the limit.
 */
@ApplicationScoped
public class BuildUploads {
    private final AppDirectory apps;
    private final Recipes recipes;
    private final ArtifactStore store;
    private final BuildService builds;
    private final BuildWorker worker;
    private final TenantPurgeLedger purges;
    private final TenantSuspensions suspensions;
    private final TenantBuildLimits limits;
    private final BuildConfig config;

    public BuildUploads(AppDirectory apps, Recipes recipes, ArtifactStore store, BuildService builds,
            BuildWorker worker, TenantPurgeLedger purges, TenantSuspensions suspensions, TenantBuildLimits limits,
            BuildConfig config) {
        this.limits = limits;
        this.purges = purges;
        this.suspensions = suspensions;
        this.apps = apps;
        this.recipes = recipes;
        this.store = store;
        this.builds = builds;
        this.worker = worker;
        this.config = config;
    }

    /** {@code contentLength}: as the request announced it, {@code null} for a body sent in chunks. */
    public Build accept(String tenant, String app, String authorization, Long contentLength, InputStream body) {
        KnownApp known = apps.find(tenant, app, authorization).await()
                .atMost(config.tenantServiceTimeout().multipliedBy(2));
        AppView view = known.view();
        if (onVertxContext(() -> purges.isDeleting(tenant))) {
            throw TenantPurgeLedger.beingDeleted(tenant);
        }
        onVertxContext(() -> suspensions.requireNotSuspended(tenant));
        Recipe recipe = recipes.forStack(view.stack());
        UploadLimit limit = uploadLimit(tenant);
        if (contentLength != null && limit.exceededBy(contentLength)) {
            throw limit.refusal();
        }
        IncomingArtifact upload = store.receive(body, limit);
        Integer javaVersion;
        try {
            javaVersion = recipe.check(upload.file(), tenant, view);
            store.keep(upload);
        } finally {
            store.discard(upload);
        }
        Build build = onVertxContext(() -> builds.queue(tenant, app, view.stack(), upload.sha256(), javaVersion,
                known.eventsAfter()));
        worker.wakeUp();
        return build;
    }

    private UploadLimit uploadLimit(String tenant) {
        BuildLimits plan = onVertxContext(() -> limits.of(tenant));
        if (plan.allowsNoBuilds()) {
            throw plan.noBuilds(tenant);
        }
        return plan.uploadLimit(tenant, store.serviceLimit());
    }

    /** Hibernate Reactive runs on a Vert.x context, not on this worker thread. */
    private static <T> T onVertxContext(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
