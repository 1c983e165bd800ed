package io.cloudunit.gateway.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;

class RouteTableTest {
    private final RouteTable table = new RouteTable();

    @Test
    void healthyInstancesAreTakenInTurn() {
        table.serving("acme", "web", "i1", "10.0.0.1:8080");
        table.serving("acme", "web", "i2", "10.0.0.2:8080");
        AppRoute route = table.find("web-acme").orElseThrow();
        Set<String> first = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            List<SocketAddress> rotation = route.rotation();
            assertEquals(2, rotation.size());
            first.add(rotation.get(0).host());
        }
        assertEquals(Set.of("10.0.0.1", "10.0.0.2"), first);
    }

    @Test
    void aStoppedInstanceLeavesTheAppKnownButWithoutTraffic() {
        table.serving("acme", "web", "i1", "10.0.0.1:8080");
        table.notServing("acme", "web", "i1");
        assertTrue(table.find("web-acme").orElseThrow().rotation().isEmpty());
        table.appDeleted("acme", "web");
        assertTrue(table.find("web-acme").isEmpty());
    }

    @Test
    void theAppsStateComesFromTheSnapshotAndEventsAndAHealthyInstanceMeansRunning() {
        table.load(RouteSnapshot.parse(Buffer.buffer("""
                [{"tenant":"acme","app":"off","instances":[],"state":"stopped"},
                 {"tenant":"acme","app":"down","instances":[],"state":"crashed"},
                 {"tenant":"acme","app":"web","instances":[]}]""")));
        assertEquals(AppRoute.State.STOPPED, table.find("off-acme").orElseThrow().state());
        assertEquals(AppRoute.State.CRASHED, table.find("down-acme").orElseThrow().state());
        assertEquals(AppRoute.State.RUNNING, table.find("web-acme").orElseThrow().state());
        table.appState("acme", "web", AppRoute.State.CRASHED);
        assertEquals(AppRoute.State.CRASHED, table.find("web-acme").orElseThrow().state());
        table.serving("acme", "web", "i1", "10.0.0.1:8080");
        assertEquals(AppRoute.State.RUNNING, table.find("web-acme").orElseThrow().state());
    }

    @Test
    void theSnapshotReplacesWhatWasKnownAndSkipsUnhealthyInstances() {
        table.serving("acme", "web", "old", "10.0.0.9:8080");
        table.load(RouteSnapshot.parse(Buffer.buffer("""
                [{"tenant":"acme","app":"web","instances":[
                  {"instance":"i1","version":3,"address":"10.0.0.1:8080","healthy":true},
                  {"instance":"i2","version":3,"address":"10.0.0.2:8080","healthy":false}]},
                 {"tenant":"globex","app":"shop","instances":[]}]""")));
        assertEquals(List.of(SocketAddress.inetSocketAddress(8080, "10.0.0.1")),
                table.find("web-acme").orElseThrow().rotation());
        assertTrue(table.find("shop-globex").orElseThrow().rotation().isEmpty());
        table.tenantDeleted("acme");
        assertTrue(table.find("web-acme").isEmpty());
        assertEquals(1, table.size());
    }

    @Test
    void malformedAddressesAreIgnored() {
        table.serving("acme", "web", "i1", "no-port");
        assertTrue(table.find("web-acme").orElseThrow().rotation().isEmpty());
    }

    @Test
    void pagesEscapeWhatTheRequestSays() {
        assertEquals("&lt;script&gt;x&amp;y&quot;&#39;", RouterPages.escape("<script>x&y\"'"));
    }
}
