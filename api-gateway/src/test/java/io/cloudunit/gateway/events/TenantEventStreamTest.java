package io.cloudunit.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cloudunit.platform.events.CloudEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

/** The replay/live hand-over, with a replay whose pace the test controls (pure logic: no database). */
class TenantEventStreamTest {
    private final UnicastProcessor<CloudEvent> replay = UnicastProcessor.create();
    private final EventBroadcaster broadcaster = new EventBroadcaster();
    private final EventLogService log = new EventLogService(null) {
        @Override
        public Multi<CloudEvent> replay(String tenant, Optional<UUID> after, int latest) {
            return replay;
        }
    };

    @Test
    void liveEventsDuringTheReplayAreHeldThenDeliveredOnceInOrder() {
        AssertSubscriber<CloudEvent> subscriber = new TenantEventStream(log, broadcaster, 100)
                .open("acme", Optional.empty(), 100).subscribe().withSubscriber(AssertSubscriber.create(100));
        CloudEvent e1 = event("acme");
        CloudEvent e2 = event("acme");
        CloudEvent e3 = event("acme");
        CloudEvent e4 = event("acme");

        replay.onNext(e1);
        broadcaster.publish(e2); // stored while the replay was being read: also in the replay
        broadcaster.publish(event("globex"));
        broadcaster.publish(e3);
        replay.onNext(e2);
        replay.onComplete();
        broadcaster.publish(e4);

        assertEquals(List.of(e1, e2, e3, e4), subscriber.getItems());
    }

    @Test
    void anEventBroadcastAfterTheHandOverButAlreadyReplayedIsSkipped() {
        AssertSubscriber<CloudEvent> subscriber = new TenantEventStream(log, broadcaster, 100)
                .open("acme", Optional.empty(), 100).subscribe().withSubscriber(AssertSubscriber.create(100));
        CloudEvent e1 = event("acme");
        CloudEvent e2 = event("acme");
        replay.onNext(e1);
        replay.onComplete();
        broadcaster.publish(e1); // committed before the replay query, broadcast a moment later
        broadcaster.publish(e2);

        assertEquals(List.of(e1, e2), subscriber.getItems());
    }

    @Test
    void aSubscriberTooFarBehindIsDisconnectedAndUnsubscribed() {
        AssertSubscriber<CloudEvent> subscriber = new TenantEventStream(log, broadcaster, 2)
                .open("acme", Optional.empty(), 100).subscribe().withSubscriber(AssertSubscriber.create(0));
        replay.onComplete();
        for (int i = 0; i < 5; i++) {
            broadcaster.publish(event("acme"));
        }
        assertInstanceOf(Throwable.class, subscriber.getFailure());
        assertEquals(0, broadcaster.listenerCount());
    }

    @Test
    void cancellingUnsubscribesFromLiveEvents() {
        AssertSubscriber<CloudEvent> subscriber = new TenantEventStream(log, broadcaster, 100)
                .open("acme", Optional.empty(), 100).subscribe().withSubscriber(AssertSubscriber.create(10));
        assertEquals(1, broadcaster.listenerCount());
        subscriber.cancel();
        assertEquals(0, broadcaster.listenerCount());
    }

    private static CloudEvent event(String tenant) {
        return new CloudEvent(UUID.randomUUID(), "io.cloudunit.app.created", "/services/test", tenant + "/web",
                tenant, OffsetDateTime.now(), "{}");
    }
}
