package io.cloudunit.deployer.app;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.cloudunit.deployer.Consumers;
import io.cloudunit.deployer.release.ReleaseService;
import io.cloudunit.deployer.reconcile.Reconciler;
import io.cloudunit.platform.events.AppEvent;
import io.cloudunit.platform.events.Channels;
import io.cloudunit.platform.events.ConfigEvent;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.outbox.Inbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * app.* → the app_spec projection. config.changed, and app.scaled / app.updated that change memory or cpus, make
 * the app's next release (ADR 0022); a change of replicas only is the reconciler's business (no new release).
 */
@ApplicationScoped
public class AppEventsConsumer {
    private final Inbox inbox;
    private final AppSpecService specs;
    private final ReleaseService releases;
    private final Reconciler reconciler;
    private final AppEvent.Visitor<Uni<Void>> appVisitor;
    private final ConfigEvent.Visitor<Uni<Void>> configVisitor;

    public AppEventsConsumer(Inbox inbox, AppSpecService specs, ReleaseService releases, Reconciler reconciler) {
        this.reconciler = reconciler;
        this.inbox = inbox;
        this.specs = specs;
        this.releases = releases;
        this.appVisitor = new AppVisitor();
        this.configVisitor = event -> releases.releaseConfig(event.tenant(), event.app(), event.names(),
                event.actor());
    }

    /** After the commit, the app is reconciled at once: a scale converges without waiting for the timer. */
    @Incoming(Channels.APPS)
    public Uni<Void> on(ConsumerRecord<String, String> record) {
        return Panache.withTransaction(() -> inbox.consumeOnce(Consumers.NAME, record, this::apply))
                .invoke(() -> reconcileSoon(record.key()));
    }

    private void reconcileSoon(String key) {
        int slash = key == null ? -1 : key.indexOf('/');
        if (slash > 0) {
            reconciler.reconcileSoon(key.substring(0, slash), key.substring(slash + 1));
        }
    }

    private Uni<Void> apply(PlatformEvent event) {
        if (event instanceof AppEvent app) {
            return app.accept(appVisitor);
        }
        if (event instanceof ConfigEvent config) {
            return config.accept(configVisitor);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> resize(String tenant, String app, AppEvent.Spec spec, String actor) {
        return specs.upsert(tenant, app, spec).chain(resized -> resized
                ? releases.releaseResources(tenant, app, spec.memoryMb(), spec.cpus(), actor)
                : Uni.createFrom().voidItem());
    }

    private final class AppVisitor implements AppEvent.Visitor<Uni<Void>> {
        @Override
        public Uni<Void> created(AppEvent.Created event) {
            return specs.upsert(event.tenant(), event.app(), event.spec()).replaceWithVoid();
        }

        @Override
        public Uni<Void> updated(AppEvent.Updated event) {
            return resize(event.tenant(), event.app(), event.spec(), null);
        }

        @Override
        public Uni<Void> scaled(AppEvent.Scaled event) {
            return resize(event.tenant(), event.app(), event.spec(), event.actor());
        }

        @Override
        public Uni<Void> deleted(AppEvent.Deleted event) {
            return specs.markDeleted(event.tenant(), event.app());
        }
    }
}
