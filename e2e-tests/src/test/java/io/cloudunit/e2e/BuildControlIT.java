package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Live build logs and cancel, through the gateway: SSE passes unbuffered, a canceled build leaves no container. */
class BuildControlIT {
    static final String TENANT = Platform.uniqueTenant("ctl");
    static final Api ALICE = Api.as("alice");

    @BeforeAll
    static void tenant() {
        assertEquals(201, ALICE.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        assertEquals(201, ALICE.postJson("/tenants/" + TENANT + "/apps",
                "{\"name\":\"ticks\",\"stack\":\"dockerfile\"}").status());
    }

    @AfterAll
    static void removeWhatTheTestBuilt() {
        Cleanup.deleteAppAndEverythingOf(ALICE, TENANT, "ticks");
    }

    /** Each line reaches the subscriber while the build still runs: the gateway does not hold the stream back. */
    @Test
    void theLogStreamsLiveThroughTheGatewayThenEnds() throws Exception {
        String build = TickingBuilds.upload(ALICE, TENANT, "ticks", 20, 250);
        List<TickingBuilds.LogEvents.Message> received = new ArrayList<>();
        try (var events = new TickingBuilds.LogEvents(ALICE, build, null)) {
            assertEquals(200, events.status());
            assertTrue(events.contentType().startsWith("text/event-stream"), events.contentType());
            TickingBuilds.LogEvents.Message message;
            do {
                message = events.next(Duration.ofMinutes(1));
                assertNotNull(message, "no tick line within a minute; got " + received);
                received.add(message);
            } while (!message.data().startsWith("tick"));
            assertEquals("running", ALICE.get(build).json().path("status").asText(),
                    "the first tick came through while the build ran");
            do {
                message = events.next(Duration.ofMinutes(1));
                assertNotNull(message, "no end event; got " + received);
                received.add(message);
            } while (!message.event().equals("end"));
        }
        assertEquals("succeeded", received.get(received.size() - 1).data());
        List<TickingBuilds.LogEvents.Message> lines = received.subList(0, received.size() - 1);
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(Integer.toString(i + 1), lines.get(i).id(), "line ids count from 1 without a gap");
        }
        assertEquals(TickingBuilds.log(ALICE, build), lines.stream().map(TickingBuilds.LogEvents.Message::data).toList());
    }

    @Test
    void aRunningBuildIsCanceledThroughTheGatewayAndItsContainerGoes() throws Exception {
        String build = TickingBuilds.upload(ALICE, TENANT, "ticks", -1, 100);
        List<String> log = TickingBuilds.awaitLine(ALICE, build, "tick 3");
        List<String> containers = TickingBuilds.containers(log);
        assertEquals(1, containers.size(), log.toString());

        Answer canceled = ALICE.postJson(build + "/cancel", "");

        assertEquals(200, canceled.status(), canceled.toString());
        assertEquals("canceled", canceled.json().path("status").asText());
        assertEquals("canceled by alice", canceled.json().path("reason").asText());
        List<String> after = TickingBuilds.log(ALICE, build);
        assertEquals("CANCELED: canceled by alice", after.get(after.size() - 1));
        await("the build's container is gone").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> !TickingBuilds.exists(containers.get(0)));
        Answer again = ALICE.postJson(build + "/cancel", "");
        assertEquals(409, again.status(), again.toString());
        assertTrue(again.isProblem() && again.json().path("detail").asText().contains("already ended: canceled"),
                again.toString());
    }
}
