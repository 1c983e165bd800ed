package io.cloudunit.build.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.cloudunit.build.build.BuildTransitions;
import io.cloudunit.platform.events.AppEvent;
import io.cloudunit.platform.events.Channels;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.outbox.Inbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** {@code cloudunit.apps}: a deleted app's queued builds are canceled; nothing else concerns builds. */
@ApplicationScoped
public class AppEventsConsumer implements AppEvent.Visitor<Uni<Void>> {
    private final Inbox inbox;
    private final BuildTransitions transitions;

    public AppEventsConsumer(Inbox inbox, BuildTransitions transitions) {
        this.inbox = inbox;
        this.transitions = transitions;
    }

    @Incoming(Channels.APPS)
    @WithTransaction
    public Uni<Void> on(ConsumerRecord<String, String> record) {
        return inbox.consumeOnce(Consumers.NAME, record, this::apply);
    }

    private Uni<Void> apply(PlatformEvent event) {
        return event instanceof AppEvent app ? app.accept(this) : Consumers.nothing();
    }

    @Override
    public Uni<Void> created(AppEvent.Created event) {
        return Consumers.nothing();
    }

    @Override
    public Uni<Void> updated(AppEvent.Updated event) {
        return Consumers.nothing();
    }

    @Override
    public Uni<Void> scaled(AppEvent.Scaled event) {
        return Consumers.nothing();
    }

    @Override
    public Uni<Void> deleted(AppEvent.Deleted event) {
        return transitions.cancelQueued(event.tenant(), event.app()).replaceWithVoid();
    }
}
