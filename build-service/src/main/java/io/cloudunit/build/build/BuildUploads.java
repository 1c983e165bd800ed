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
 * suspended, unbuildable stack) come before the body is read.
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
    private final BuildConfig config;

    public BuildUploads(AppDirectory apps, Recipes recipes, ArtifactStore store, BuildService builds,
            BuildWorker worker, TenantPurgeLedger purges, TenantSuspensions suspensions, BuildConfig config) {
        this.purges = purges;
        this.suspensions = suspensions;
        this.apps = apps;
        this.recipes = recipes;
        this.store = store;
        this.builds = builds;
        this.worker = worker;
        this.config = config;
    }

    public Build accept(String tenant, String app, String authorization, InputStream body) {
        KnownApp known = apps.find(tenant, app, authorization).await()
                .atMost(config.tenantServiceTimeout().multipliedBy(2));
        AppView view = known.view();
        if (onVertxContext(() -> purges.isDeleting(tenant))) {
            throw TenantPurgeLedger.beingDeleted(tenant);
        }
        onVertxContext(() -> suspensions.requireNotSuspended(tenant));
        Recipe recipe = recipes.forStack(view.stack());
        IncomingArtifact upload = store.receive(body);
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
