package io.cloudunit.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cloudunit.platform.events.CloudEvent;

class EventOrderTest {
    private static final String BUILDS = "/services/build-service";
    private static final String DEPLOYER = "/services/deployer-service";
    private static final long BOUND = 5_000;

    private final EventOrder order = new EventOrder(BOUND);

    @Test
    void eventsOfOneSourceComeOutInTheirSequenceWhateverTheArrivalOrder() {
        CloudEvent first = event("acme", DEPLOYER, 1, Map.of());
        CloudEvent second = event("acme", DEPLOYER, 2, Map.of());
        CloudEvent third = event("acme", DEPLOYER, 3, Map.of());

        assertEquals(List.of(), order.offer(third, 0));
        assertEquals(List.of(), order.offer(second, 1));
        assertEquals(List.of(first, second, third), order.offer(first, 2));
        assertEquals(0, order.heldCount());
    }

    @Test
    void anEventWaitsForTheEventsOfOtherSourcesItFollows() {
        CloudEvent built = event("acme", BUILDS, 1, Map.of());
        CloudEvent released = event("acme", DEPLOYER, 1, Map.of(BUILDS, 1L));

        assertEquals(List.of(), order.offer(released, 0));
        assertEquals(List.of(built, released), order.offer(built, 1));
    }

    @Test
    void tenantsAreOrderedIndependently() {
        CloudEvent acmeSecond = event("acme", DEPLOYER, 2, Map.of());
        CloudEvent globexFirst = event("globex", DEPLOYER, 1, Map.of());

        assertEquals(List.of(), order.offer(acmeSecond, 0));
        assertEquals(List.of(globexFirst), order.offer(globexFirst, 1));
    }

    @Test
    void aHeldEventIsReleasedAfterTheBoundAndALateOneIsNotDropped() {
        CloudEvent lost = event("acme", DEPLOYER, 1, Map.of());
        CloudEvent second = event("acme", DEPLOYER, 2, Map.of());
        CloudEvent third = event("acme", DEPLOYER, 3, Map.of());

        order.offer(second, 0);
        order.offer(third, 10);
        assertEquals(List.of(), order.expire(BOUND - 1));
        assertEquals(List.of(second, third), order.expire(BOUND));
        assertEquals(List.of(lost), order.offer(lost, BOUND + 1));
        assertEquals(0, order.heldCount());
    }

    @Test
    void whatWasReleasedBeforeARestartCountsAsReleased() {
        order.releasedBefore("acme", DEPLOYER, 4);
        CloudEvent fifth = event("acme", DEPLOYER, 5, Map.of());

        assertEquals(List.of(fifth), order.offer(fifth, 0));
    }

    @Test
    void unnumberedEventsPassStraightThrough() {
        CloudEvent unnumbered = new CloudEvent(UUID.randomUUID(), "io.cloudunit.app.created", "/services/other",
                "acme/web", "acme", OffsetDateTime.now(), "{}");
        order.offer(event("acme", DEPLOYER, 2, Map.of()), 0);

        assertEquals(List.of(unnumbered), order.offer(unnumbered, 1));
    }

    private static CloudEvent event(String tenant, String source, long sequence, Map<String, Long> after) {
        return new CloudEvent(UUID.randomUUID(), "io.cloudunit.instance.started", source, tenant + "/web", tenant,
                OffsetDateTime.now(), "{}", sequence, after);
    }
}
