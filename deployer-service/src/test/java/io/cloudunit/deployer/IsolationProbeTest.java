package io.cloudunit.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudunit.deployer.support.ConnectProbe;
import io.cloudunit.deployer.support.Docker;
import io.cloudunit.deployer.support.Events;
import io.cloudunit.deployer.support.Members;
import io.cloudunit.deployer.support.Names;
import io.cloudunit.deployer.support.TenantApps;
import io.cloudunit.deployer.support.TenantServiceStub;
import io.cloudunit.deployer.support.TestImages;
import io.cloudunit.platform.events.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Isolation proved from inside the deployed containers (DESIGN §5, ADR 21): tenant A's instance opens TCP connections
 * with its own user, capabilities and network ({@code docker exec} of a probe class shipped in the app's JAR). It
 * reaches its own app and its sibling instance (the probe works), and nothing else: not tenant B's instance, not
 * the platform's PostgreSQL, Kafka, Keycloak or service ports on any address of this machine, not B's published
 * port, and not even a listener the test opens on every address of the host (the tenant firewall). The host, where
 * the router runs, still reaches every instance at its tenant-network address.
 */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class IsolationProbeTest {
    static final String RUN = Names.unique("deployer-");
    static final String A = Names.unique("t");
    static final String B = Names.unique("t");
    static final Duration ROLLOUT = Duration.ofSeconds(90);
    /** PostgreSQL, Kafka (broker, controller), Keycloak, api-gateway, router, tenant/build/deployer services. */
    static final List<Integer> PLATFORM_PORTS = List.of(5432, 9092, 9093, 8180, 8080, 8081, 8082, 8083, 8084);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static Events events;
    static boolean deployed;

    @BeforeAll
    static void deployOneAppPerTenant() {
        String image = TestImages.build("cloudunit-test/" + RUN + "-probe:1", RUN, "USER 10001:10001",
                Map.of("Main", TestImages.HELLO, ConnectProbe.CLASS, ConnectProbe.SOURCE));
        events = new Events(List.of(Events.topic(Topics.DEPLOYMENTS)), List.of(A, B));
        Members.add(A, "alice", "viewer");
        Members.add(B, "alice", "viewer");
        TenantApps.createApp(events, A, "web", 2);
        TenantApps.createApp(events, B, "web", 1);
        TenantApps.buildSucceeded(events, A, "web", 1, image);
        TenantApps.buildSucceeded(events, B, "web", 1, image);
    }

    /** In the tests, not in @BeforeAll: the API's test port is only known to RestAssured there. */
    static synchronized void awaitDeployed() {
        if (!deployed) {
            TenantApps.awaitDeployed(A, "web", ROLLOUT);
            TenantApps.awaitDeployed(B, "web", ROLLOUT);
            deployed = true;
        }
    }

    @AfterAll
    static void tearDown() {
        TenantApps.purgeAfterClass(events, List.of(A, B), RUN, Duration.ofSeconds(60));
    }

    @Test
    void aTenantsInstanceReachesItsOwnAppAndNothingOfAnotherTenantNorOfThePlatform() throws Exception {
        awaitDeployed();
        String a1 = instance(A, 1);
        String a2 = instance(A, 2);
        String b1 = instance(B, 1);
        List<String> forbidden = new ArrayList<>(List.of(address(b1, B) + ":8080"));
        for (String host : ConnectProbe.hostAddresses()) {
            // Inside the container 127.0.0.1 is its own loopback: its port 8080 is the app itself (allowed below).
            PLATFORM_PORTS.stream().filter(port -> !(host.startsWith("127.") && port == 8080))
                    .forEach(port -> forbidden.add(host + ":" + port));
            forbidden.add(host + ":" + publishedPort(b1));
        }
        assertThat(forbidden).as("A's gateway is among the addresses probed").contains(gateway(a1, A) + ":5432");
        List<String> allowed = List.of("127.0.0.1:8080", address(a1, A) + ":8080", address(a2, A) + ":8080");

        Map<String, String> outcomes = ConnectProbe.from(a1, concat(allowed, forbidden));

        allowed.forEach(target -> assertThat(outcomes.get(target)).as("positive control %s from %s", target, a1)
                .isEqualTo("OPEN"));
        forbidden.forEach(target -> assertThat(outcomes.get(target)).as("%s from %s", target, a1)
                .isNotEqualTo("OPEN"));
        assertThat(outcomes.get(address(b1, B) + ":8080")).as("B's instance is not even answered: dropped")
                .isEqualTo("TIMEOUT");

        Map<String, String> fromB = ConnectProbe.from(b1, List.of("127.0.0.1:8080", address(a1, A) + ":8080",
                address(a2, A) + ":8080", gateway(b1, B) + ":8084"));
        assertThat(fromB).containsEntry("127.0.0.1:8080", "OPEN");
        assertThat(fromB.values().stream().filter("OPEN"::equals)).as("B reaches only itself: %s", fromB).hasSize(1);

        for (String name : List.of(a1, a2, b1)) {
            String tenant = name.equals(b1) ? B : A;
            assertThat(httpGet("http://" + address(name, tenant) + ":8080/"))
                    .as("the host (the router) reaches %s at its tenant-network address", name)
                    .startsWith("200 hello from");
        }
    }

    @Test
    void aTenantsInstanceCannotConnectToTheHostEvenWhereSomethingListensOnEveryAddress() throws Exception {
        awaitDeployed();
        String a1 = instance(A, 1);
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            int port = listener.getLocalPort();
            List<String> hostListener = new ArrayList<>();
            for (String host : ConnectProbe.hostAddresses()) {
                if (!host.startsWith("127.")) {
                    hostListener.add(host + ":" + port);
                }
            }
            assertThat(hostListener).contains(gateway(a1, A) + ":" + port);

            Map<String, String> outcomes = ConnectProbe.from(a1, concat(List.of(address(instance(A, 2), A) + ":8080"),
                    hostListener));

            assertThat(outcomes.get(address(instance(A, 2), A) + ":8080")).as("positive control").isEqualTo("OPEN");
            hostListener.forEach(target -> assertThat(outcomes.get(target))
                    .as("%s from %s: the tenant firewall (devstack/bin/docker.sh firewall, ADR 21) is missing", target,
                            a1)
                    .startsWith("REFUSED"));
            try (var fromHost = new java.net.Socket()) {
                fromHost.connect(new InetSocketAddress(gateway(a1, A), port), 1000);
                assertThat(fromHost.isConnected()).as("the listener itself answers on the gateway address").isTrue();
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    static String instance(String tenant, int n) {
        return "cu-" + tenant + "-web-v1-" + n;
    }

    static String address(String container, String tenant) {
        String ip = network(container, tenant).get("IPAddress").asText();
        assertThat(ip).as("%s address", container).isNotBlank();
        return ip;
    }

    static String gateway(String container, String tenant) {
        return network(container, tenant).get("Gateway").asText();
    }

    static JsonNode network(String container, String tenant) {
        return Docker.networkOf(container).at("/NetworkSettings/Networks/cu-net-" + tenant);
    }

    static String publishedPort(String container) {
        return Docker.networkOf(container).at("/NetworkSettings/Ports/8080~1tcp/0/HostPort")
                .asText();
    }

    static String httpGet(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
