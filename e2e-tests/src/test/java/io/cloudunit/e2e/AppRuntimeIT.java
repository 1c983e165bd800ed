package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scale, stop / start and followed logs through the gateway and the router (ADR 23): PATCH replicas 1 → 3 and the
 * router balances over the three instances, back to 1; stop makes the router answer 503, start brings the app back;
 * a line the app writes while serving a request reaches a logs follower (SSE through the gateway's streaming proxy)
 * within seconds, so nothing on the way buffers the stream.
 */
class AppRuntimeIT {
    static final String TENANT = Platform.uniqueTenant("rt");
    static final String APP = "chatty";
    static Api alice;

    @BeforeAll
    static void signIn() {
        alice = Api.as("alice");
    }

    @AfterAll
    static void removeWhatTheTestDeployed() {
        Cleanup.deleteAppAndEverythingOf(alice, TENANT, APP);
        alice.delete("/tenants/" + TENANT);
    }

    @Test
    void scaleStopStartAndFollowedLogsThroughTheGateway(@TempDir Path dir) throws Exception {
        assertEquals(201, alice.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        Answer created = alice.postJson("/tenants/" + TENANT + "/apps",
                "{\"name\":\"" + APP + "\",\"stack\":\"java\",\"memoryMb\":256}");
        assertEquals(201, created.status(), created.toString());
        Answer upload = alice.postFile(app("/builds"), TestJars.runnableJar(dir, "Chatty", CHATTY),
                "application/java-archive");
        assertEquals(202, upload.status(), upload.toString());
        awaitHealthy(1, Duration.ofMinutes(4));
        await("the router serves the app").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Router.get(APP, TENANT, "/").status() == 200);

        followedLogsShowALineWrittenWhileServing();
        scaledToThreeTheRouterBalancesOverEveryInstanceThenBackToOne();
        stoppedTheRouterAnswers503AndStartedItServesAgain();
    }

    private void followedLogsShowALineWrittenWhileServing() throws Exception {
        List<JsonNode> lines = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> response = Api.HTTP.send(alice.request(app("/logs?follow=true&tail=0"))
                .timeout(Duration.ofMinutes(5)).header("Accept", "text/event-stream").GET().build(),
                BodyHandlers.ofInputStream());
        try {
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"),
                    response.headers().toString());
            Thread reader = new Thread(() -> read(response.body(), lines), "logs-sse");
            reader.setDaemon(true);
            reader.start();
            String path = "/followed-" + UUID.randomUUID();
            long sent = System.nanoTime();
            // The stream may attach to the container's log a moment after its headers: until a line arrives, the
            // request is sent again (each sends the same line).
            await("the app's log line through the gateway's SSE").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> Router.get(APP, TENANT, path).status() == 200
                            && lines.stream().anyMatch(l -> l.path("line").asText().equals("warned " + path)
                            && l.path("stream").asText().equals("stderr")
                            && l.path("instance").asText().equals("cu-" + TENANT + "-" + APP + "-v1-1")));
            System.out.printf("%nlog line through router → app → engine → deployer → gateway SSE within %d ms%n%n",
                    (System.nanoTime() - sent) / 1_000_000);
        } finally {
            response.body().close();
        }
    }

    private void scaledToThreeTheRouterBalancesOverEveryInstanceThenBackToOne() {
        long t0 = System.nanoTime();
        Answer scaled = alice.patchJson("/tenants/" + TENANT + "/apps/" + APP, "{\"replicas\":3}");
        assertEquals(200, scaled.status(), scaled.toString());
        awaitHealthy(3, Duration.ofMinutes(2));
        Set<String> answeredBy = new HashSet<>();
        await("the router sends traffic to all three instances").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10)).until(() -> {
                    Answer answer = Router.get(APP, TENANT, "/");
                    if (answer.status() == 200) {
                        answeredBy.add(answer.body());
                    }
                    return answeredBy.size() == 3;
                });
        System.out.printf("%nscale 1 → 3: three instances answering through the router after %d ms%n%n",
                (System.nanoTime() - t0) / 1_000_000);

        assertEquals(200, alice.patchJson("/tenants/" + TENANT + "/apps/" + APP, "{\"replicas\":1}").status());
        await("back to one instance").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .until(() -> instances().size() == 1 && DockerEngine.instancesOf(TENANT).size() == 1);
        Set<String> after = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Answer answer = Router.get(APP, TENANT, "/");
            assertEquals(200, answer.status(), answer.toString());
            after.add(answer.body());
        }
        assertEquals(1, after.size(), "one instance left answers: " + after);
    }

    private void stoppedTheRouterAnswers503AndStartedItServesAgain() {
        Answer stop = alice.post(app("/actions/stop"), java.net.http.HttpRequest.BodyPublishers.noBody(),
                "application/json");
        assertEquals(202, stop.status(), stop.toString());
        await("the router answers 503 for the stopped app").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> Router.get(APP, TENANT, "/").status() == 503);
        // The route goes first (instance.stopped), the containers after their drain delay.
        await("no container of a stopped app").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> DockerEngine.instancesOf(TENANT).isEmpty());
        // Its own page, not the generic "no healthy instance" one (ADR 25), and the state through the API.
        await("the router's stopped page").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Router.get(APP, TENANT, "/").body().contains("App stopped"));
        Answer page = Router.get(APP, TENANT, "/");
        assertEquals(503, page.status(), page.toString());
        assertTrue(page.body().contains("/apps/" + APP + "/actions/start"), page.toString());
        Answer state = alice.get(app("/state"));
        assertEquals(200, state.status(), state.toString());
        assertEquals("stopped", state.json().path("state").asText(), state.toString());
        Answer start = alice.post(app("/actions/start"), java.net.http.HttpRequest.BodyPublishers.noBody(),
                "application/json");
        assertEquals(202, start.status(), start.toString());
        await("the router serves the started app").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100)).until(() -> Router.get(APP, TENANT, "/").status() == 200);
    }

    private static void awaitHealthy(int count, Duration deadline) {
        await(count + " healthy instance(s)").atMost(deadline).pollInterval(Duration.ofMillis(250))
                .until(() -> instances().stream().filter(i -> i.path("healthy").asBoolean()).count() == count);
    }

    private static List<JsonNode> instances() {
        Answer answer = alice.get(app("/instances"));
        assertEquals(200, answer.status(), answer.toString());
        List<JsonNode> out = new java.util.ArrayList<>();
        answer.json().forEach(out::add);
        return out;
    }

    private static String app(String path) {
        return "/tenants/" + TENANT + "/apps/" + APP + path;
    }

    private static void read(InputStream body, List<JsonNode> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data: ")) {
                    lines.add(Answer.JSON.readTree(line.substring("data: ".length())));
                }
            }
        } catch (java.io.IOException closed) {
            // the test closed the stream
        }
    }

    /** One line on stdout and one on stderr per request; answers with its host name. */
    static final String CHATTY = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            import java.nio.charset.StandardCharsets;
            public class Chatty {
                public static void main(String[] args) throws Exception {
                    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
                    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
                    server.createContext("/", exchange -> {
                        String path = exchange.getRequestURI().getPath();
                        System.out.println("served " + path);
                        System.err.println("warned " + path);
                        byte[] body = ("hello from " + System.getenv("HOSTNAME")).getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                    System.out.println("listening on " + port);
                }
            }
            """;
}
