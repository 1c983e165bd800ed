package io.cloudunit.gateway.support;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;

import io.cloudunit.gateway.events.EventBroadcaster;
import io.cloudunit.platform.events.BuildEvent;
import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.DeploymentEvent;
import io.cloudunit.platform.events.InstanceEvent;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.events.AppEvent;

/**
 * Waits until the gateway consumes every topic: the test profile reads from the end of the topics with a
 * fresh group, so an event produced before the partitions are assigned would never be seen. A probe is
 * produced on each topic, again every two seconds, until the gateway broadcasts it.
 */
public final class ConsumersLive {
    private static final Set<Integer> READY = ConcurrentHashMap.newKeySet();

    private ConsumersLive() {
    }

    public static void await(EventBroadcaster broadcaster) {
        if (READY.contains(System.identityHashCode(broadcaster))) {
            return;
        }
        String probe = Events.uniqueName("probe");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Runnable unsubscribe = broadcaster.subscribe(event -> {
            if (probe.equals(event.tenant())) {
                seen.add(event.topic());
            }
        });
        try {
            Awaitility.await("the gateway consumes every topic").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(2)).until(() -> {
                        for (PlatformEvent event : probes(probe)) {
                            CloudEvent envelope = Events.envelope(event);
                            if (!seen.contains(envelope.topic())) {
                                Events.produce(envelope);
                            }
                        }
                        return seen.size() == 5;
                    });
            READY.add(System.identityHashCode(broadcaster));
        } finally {
            unsubscribe.run();
        }
    }

    private static PlatformEvent[] probes(String tenant) {
        return new PlatformEvent[] {
                new TenantEvent.Updated(tenant, "probe"),
                new AppEvent.Deleted(tenant, "probe"),
                new BuildEvent.Canceled(tenant, "probe", UUID.randomUUID(), 0),
                new DeploymentEvent.Started(tenant, "probe", UUID.randomUUID(), 0),
                new InstanceEvent.Stopped(tenant, "probe", "probe", 0) };
    }
}
