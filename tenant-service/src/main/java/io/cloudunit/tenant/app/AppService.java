package io.cloudunit.tenant.app;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.events.AppEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.access.Access;
import io.cloudunit.tenant.access.Caller;
import io.cloudunit.tenant.access.Role;
import io.cloudunit.tenant.persistence.UniqueViolation;
import io.cloudunit.tenant.quota.QuotaService;
import io.cloudunit.tenant.suspension.SuspensionGuard;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AppService {
    private final AppRepository apps;
    private final Access access;
    private final QuotaService quota;
    private final Outbox outbox;
    private final AppUrls urls;
    private final SuspensionGuard suspension;

    public AppService(AppRepository apps, Access access, QuotaService quota, Outbox outbox, AppUrls urls,
            SuspensionGuard suspension) {
        this.apps = apps;
        this.suspension = suspension;
        this.access = access;
        this.quota = quota;
        this.outbox = outbox;
        this.urls = urls;
    }

    /**
     * Creates the app, or refuses it: 409 when the tenant is suspended, the name is taken or the tenant's quota
     * (apps, instances or memory) would be exceeded.
     * A quota refusal is itself an event ({@code quota.exceeded}) whose transaction commits; the answer
     * is decided after the commit.
     */
    public Uni<AppView> create(String tenant, Caller caller, NewApp request) {
        return Uni.createFrom().item(request::validatedSpec)
                // The quota lock (FOR UPDATE) first: taking the deletion mark's FOR SHARE first and upgrading it
                // would deadlock two concurrent creates.
                .chain(spec -> Panache.withTransaction(() -> quota.lock(tenant)
                        .chain(() -> access.requireRoleToChange(tenant, caller, Role.DEVELOPER))
                        .chain(() -> suspension.requireActive(tenant))
                        .chain(() -> quota.admitApp(tenant, spec))
                        .chain(refusal -> refusal.isPresent()
                                ? Uni.createFrom().item(Attempt.refused(refusal.get()))
                                : insert(tenant, request.name(), spec).map(Attempt::created))))
                .map(attempt -> urls.view(attempt.orThrow()));
    }

    @WithSession
    public Uni<List<AppView>> list(String tenant, Caller caller) {
        return access.requireRole(tenant, caller, Role.VIEWER)
                .chain(() -> apps.ofTenant(tenant))
                .map(list -> list.stream().map(urls::view).toList());
    }

    /** The app, and how far this service's events of its tenant go (a service acting on it follows them). */
    @WithSession
    public Uni<AppLookup> get(String tenant, String name, Caller caller) {
        return access.requireRole(tenant, caller, Role.VIEWER)
                .chain(() -> existing(tenant, name))
                .map(urls::view)
                .chain(view -> outbox.emittedSoFar(tenant).map(after -> new AppLookup(view, after)));
    }

    /**
     * Changes the app's replicas, memory or cpus and emits {@code app.scaled}, its Java version or its rollback choice
     * and emits {@code app.updated}; no change, no event. A change that would take the tenant beyond maxInstances or
     * totalMemoryMb is refused like a create; the Java version alone asks nothing of the quota.
     */
    public Uni<AppView> scale(String tenant, String name, Caller caller, AppScale request) {
        return Panache.withTransaction(() -> quota.lock(tenant)
                .chain(() -> access.requireRoleToChange(tenant, caller, Role.DEVELOPER))
                .chain(() -> suspension.requireActive(tenant))
                .chain(() -> existing(tenant, name))
                .chain(app -> {
                    AppEvent.Spec before = app.spec();
                    AppEvent.Spec after = request.applyTo(before);
                    if (after.equals(before)) {
                        return Uni.createFrom().item(Attempt.created(app));
                    }
                    if (sameSize(before, after)) {
                        return changed(app, before, after, caller).map(Attempt::created);
                    }
                    return quota.admitScale(tenant, before, after).chain(refusal -> refusal.isPresent()
                            ? Uni.createFrom().item(Attempt.refused(refusal.get()))
                            : changed(app, before, after, caller).map(Attempt::created));
                }))
                .map(attempt -> urls.view(attempt.orThrow()));
    }

    @WithTransaction
    public Uni<Void> delete(String tenant, String name, Caller caller) {
        return access.requireRoleToChange(tenant, caller, Role.DEVELOPER)
                .chain(() -> existing(tenant, name))
                .chain(apps::delete)
                .chain(() -> outbox.publish(new AppEvent.Deleted(tenant, name)))
                .replaceWithVoid();
    }

    /**
     * The event is written before the row on purpose: when the unique key refuses the row (a name taken,
     * possibly by a concurrent request), the rollback takes the event back with it.
     */
    private Uni<App> insert(String tenant, String name, AppEvent.Spec spec) {
        App app = App.of(tenant, name, spec, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
        return outbox.publish(new AppEvent.Created(tenant, name, spec))
                .chain(() -> apps.persistAndFlush(app))
                .onFailure(e -> UniqueViolation.of(e, AppRepository.NAME_KEY))
                .transform(e -> ProblemException.conflict("app '" + name + "' already exists in tenant '" + tenant
                        + "': choose another name, or delete the existing app first"));
    }

    /**
     * app.scaled when its size changed, app.updated when its Java version or rollback choice did (both when both
     * did).
     */
    private Uni<App> changed(App app, AppEvent.Spec before, AppEvent.Spec after, Caller caller) {
        app.scaleTo(after);
        Uni<Void> scaled = sameSize(before, after) ? Uni.createFrom().voidItem()
                : outbox.publish(new AppEvent.Scaled(app.tenant, app.name, after, caller.username()))
                        .replaceWithVoid();
        return scaled.chain(() -> Objects.equals(before.javaVersion(), after.javaVersion())
                && before.rollsBackAutomatically() == after.rollsBackAutomatically()
                ? Uni.createFrom().voidItem()
                : outbox.publish(new AppEvent.Updated(app.tenant, app.name, after)).replaceWithVoid())
                .replaceWith(app);
    }

    private static boolean sameSize(AppEvent.Spec before, AppEvent.Spec after) {
        return before.memoryMb() == after.memoryMb() && before.cpus() == after.cpus()
                && before.replicas() == after.replicas();
    }

    private Uni<App> existing(String tenant, String name) {
        return apps.find(tenant, name).onItem().ifNull().failWith(() -> ProblemException.notFound(
                "app '" + name + "' not found in tenant '" + tenant + "': GET /api/v1/tenants/" + tenant
                        + "/apps lists its apps"));
    }

    /** The outcome of a create transaction: the new app, or the refusal to answer once it committed. */
    private record Attempt(App app, ProblemException refusal) {
        static Attempt created(App app) {
            return new Attempt(app, null);
        }

        static Attempt refused(ProblemException refusal) {
            return new Attempt(null, refusal);
        }

        App orThrow() {
            return Optional.ofNullable(app).orElseThrow(() -> refusal);
        }
    }
}
