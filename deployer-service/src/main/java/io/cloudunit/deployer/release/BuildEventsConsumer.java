package io.cloudunit.deployer.release;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.cloudunit.deployer.Consumers;
import io.cloudunit.platform.events.BuildEvent;
import io.cloudunit.platform.events.Channels;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.outbox.Inbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** build.succeeded → a release and its deployment; every build event keeps the build's last status. */
@ApplicationScoped
public class BuildEventsConsumer {
    private final Inbox inbox;
    private final ReleaseService releases;
    private final BuildEvent.Visitor<Uni<Void>> visitor = new BuildVisitor();

    public BuildEventsConsumer(Inbox inbox, ReleaseService releases) {
        this.inbox = inbox;
        this.releases = releases;
    }

    @Incoming(Channels.BUILDS)
    @WithTransaction
    public Uni<Void> on(ConsumerRecord<String, String> record) {
        return inbox.consumeOnce(Consumers.NAME, record, this::apply);
    }

    private Uni<Void> apply(PlatformEvent event) {
        return event instanceof BuildEvent build ? build.accept(visitor) : Uni.createFrom().voidItem();
    }

    private final class BuildVisitor implements BuildEvent.Visitor<Uni<Void>> {
        @Override
        public Uni<Void> queued(BuildEvent.Queued event) {
            return releases.recordBuild(event.tenant(), event.app(), event.buildId(), event.number(), "queued");
        }

        @Override
        public Uni<Void> started(BuildEvent.Started event) {
            return releases.recordBuild(event.tenant(), event.app(), event.buildId(), event.number(), "running");
        }

        @Override
        public Uni<Void> succeeded(BuildEvent.Succeeded event) {
            return releases.releaseBuild(event);
        }

        @Override
        public Uni<Void> failed(BuildEvent.Failed event) {
            return releases.recordBuild(event.tenant(), event.app(), event.buildId(), event.number(), "failed");
        }

        @Override
        public Uni<Void> canceled(BuildEvent.Canceled event) {
            return releases.recordBuild(event.tenant(), event.app(), event.buildId(), event.number(), "canceled");
        }
    }
}
