package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Deleting a tenant through the gateway with the whole mesh (ADR 12, ADR 13): a tenant with an app serving a
 * JAR, a config var and a second member is deleted; once GET answers 404 nothing of it is left on the engine, the
 * router does not know its app, and no table of any CloudUnit schema holds a row of it, except the bookkeeping
 * ADR 13 keeps on purpose ({@link #KEPT}).
 */
class TenantDeletionIT {
    static final String TENANT = Platform.uniqueTenant("gone");
    static final String APP = "hello";

    /** Tables that keep rows of a deleted tenant, and why (ADR 13). */
    static final Map<String, String> KEPT = kept();

    static Map<String, String> kept() {
        Map<String, String> kept = new TreeMap<>();
        for (String schema : TenantRows.SCHEMAS) {
            kept.put(schema + ".outbox", "events already sent, the platform's record of what happened");
            kept.put(schema + ".outbox_sequence", "the tenant name's event numbering goes on (no number twice)");
            kept.put(schema + ".seen_sequence", "how far this service read other sources for the name");
            kept.put(schema + ".tenant_purge", "a participant's record that it purged the tenant (ADR 12)");
        }
        kept.put("gateway.audit_log", "who did what, the deletion included: append-only, outlives the tenant");
        return kept;
    }

    static Api alice = Api.as("alice");

    @AfterAll
    static void removeWhatALostTestLeft() {
        DockerEngine.removeEverythingOf(TENANT);
    }

    @Test
    void aDeletedTenantLeavesNothingBehindButTheDocumentedBookkeeping(@TempDir Path dir) throws Exception {
        String greeting = "Hello from " + TENANT;
        assertEquals(201, alice.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        Answer app = alice.postJson(tenantPath() + "/apps", "{\"name\":\"" + APP + "\",\"stack\":\"java\"}");
        assertEquals(201, app.status(), app.toString());
        Answer config = alice.putJson(tenantPath() + "/apps/" + APP + "/config", "{\"vars\":{\"GREETING\":\"hi\"}}");
        assertEquals(200, config.status(), config.toString());
        Answer member = alice.postJson(tenantPath() + "/members", "{\"user\":\"carol\",\"role\":\"developer\"}");
        assertEquals(201, member.status(), member.toString());
        deployed(TestJars.helloServer(dir, greeting), greeting);
        List<String> tables = TenantRows.tablesWithATenantColumn();
        Map<String, Long> before = TenantRows.rowsOf(TENANT, tables);
        for (String table : List.of("tenant.members", "tenant.apps", "tenant.config_vars", "build.build",
                "deployer.release", "deployer.instance", "gateway.event_log")) {
            assertTrue(before.containsKey(table), "the tenant has rows in " + table + " before: " + before);
        }

        try (EventStream events = EventStream.open(alice, TENANT)) {
            Answer deleting = alice.delete(tenantPath());
            assertEquals(202, deleting.status(), deleting.toString());
            assertEquals("deleting", deleting.json().path("status").asText(), deleting.toString());
            assertEquals(202, alice.delete(tenantPath()).status(), "asking again is no error");

            await("GET answers 404 once every service purged the tenant").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> alice.get(tenantPath()).status() == 404);
            await("tenant.deleted reached the live subscriber").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> events.has("io.cloudunit.tenant.deleted"));
            ThinPathIT.assertInOrder(List.of("io.cloudunit.tenant.deletion-requested", "io.cloudunit.tenant.purged",
                    "io.cloudunit.tenant.deleted"), events.types().stream().distinct().toList());
            assertEquals(2, events.events().stream().filter(e -> e.type().equals("io.cloudunit.tenant.purged"))
                    .map(e -> e.cloudEvent().path("data").path("service").asText()).distinct().count(),
                    "one answer per participant: " + events.types());
        }

        assertEquals(List.of(), lines(DockerEngine.docker("ps", "-a", "-q", "--filter", label())), "containers");
        assertEquals(List.of(), lines(DockerEngine.docker("network", "ls", "-q", "--filter", label())), "networks");
        assertEquals(List.of(), lines(DockerEngine.docker("images", "--format", "{{.Repository}}:{{.Tag}}")).stream()
                .filter(image -> image.startsWith("cloudunit/" + TENANT + "/")).toList(), "images");
        assertEquals(404, Router.get(APP, TENANT, "/").status(), "the router no longer serves the app");
        assertEquals(0, TenantRows.count("select count(*) from tenant.tenants where name = ?", TENANT));

        Map<String, Long> left = await("no table holds a row of the tenant but those ADR 13 keeps")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> unexpected(TenantRows.rowsOf(TENANT, tables)), Map::isEmpty);
        assertEquals(Map.of(), left);
        assertKeptRowsAreBookkeeping();
    }

    private void deployed(Path jar, String greeting) {
        Answer upload = alice.postFile(tenantPath() + "/apps/" + APP + "/builds", jar, "application/java-archive");
        assertEquals(202, upload.status(), upload.toString());
        String build = upload.json().path("id").asText();
        JsonNode done = await("build " + build + " finishes").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> alice.get(tenantPath() + "/apps/" + APP + "/builds/" + build).json(),
                        b -> List.of("succeeded", "failed", "canceled").contains(b.path("status").asText()));
        assertEquals("succeeded", done.path("status").asText(), done.toString());
        Answer served = await("the router serves the app").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Router.get(APP, TENANT, "/"), answer -> answer.status() == 200);
        assertTrue(served.body().startsWith(greeting), served.toString());
        assertFalse(DockerEngine.containersOf(TENANT).isEmpty());
    }

    /** The rows found outside the tables ADR 13 keeps. */
    private static Map<String, Long> unexpected(Map<String, Long> rows) {
        Map<String, Long> unexpected = new HashMap<>(rows);
        unexpected.keySet().removeAll(KEPT.keySet());
        return unexpected;
    }

    private static void assertKeptRowsAreBookkeeping() {
        for (String schema : TenantRows.SCHEMAS) {
            assertEquals(0, TenantRows.count("select count(*) from " + schema + ".outbox where tenant = ? "
                    + "and sent_at is null", TENANT), schema + ": every event of the tenant was sent");
        }
        for (String participant : List.of("build", "deployer")) {
            assertEquals(1, TenantRows.count("select count(*) from " + participant + ".tenant_purge where tenant = ? "
                    + "and done_at is not null", TENANT), participant + " purged the tenant");
        }
        assertEquals(2, TenantRows.count("select count(*) from gateway.audit_log where tenant = ? and action = ? "
                + "and outcome = 'succeeded' and status = 202", TENANT, "DELETE /tenants/{t}"),
                "the audit log keeps both deletion requests");
    }

    private static String tenantPath() {
        return "/tenants/" + TENANT;
    }

    private static String label() {
        return "label=io.cloudunit.tenant=" + TENANT;
    }

    private static List<String> lines(String output) {
        return output.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
    }
}
