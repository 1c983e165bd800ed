package io.cloudunit.tenant;

import static io.cloudunit.tenant.Fixtures.as;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudunit.platform.events.KafkaCloudEvents;
import io.cloudunit.tenant.config.ConfigCipher;
import io.cloudunit.tenant.config.ConfigKeyRotation;
import io.cloudunit.tenant.config.ConfigVarAddress;
import io.cloudunit.tenant.config.SealedValue;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Config vars through the API, as stored in PostgreSQL and as announced on Kafka. */
@QuarkusTest
class ConfigVarsTest {
    private static final String PROBLEM = "application/problem+json";
    private static final String CHANGED = "io.cloudunit.config.changed";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ConfigKeyRotation rotation;

    @Inject
    TenantServiceConfig config;

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
    }

    @Test
    void varsAreSetUnsetReplacedAndListed() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);

        get("alice", tenant, app).statusCode(200).body("vars", anEmptyMap());
        put("alice", tenant, app, Map.of("A", "1", "B", "two words")).statusCode(200)
                .body("vars", equalTo(Map.of("A", "1", "B", "two words")));
        patch("alice", tenant, app, "{\"vars\": {\"C\": \"3\", \"A\": null}}").statusCode(200)
                .body("vars", equalTo(Map.of("B", "two words", "C", "3")));
        get("alice", tenant, app).statusCode(200).body("vars", equalTo(Map.of("B", "two words", "C", "3")));
        put("alice", tenant, app, Map.of("D", "")).statusCode(200).body("vars", equalTo(Map.of("D", "")));
        get("alice", tenant, app).statusCode(200).body("vars", equalTo(Map.of("D", "")));

        assertEquals(List.of("[\"A\",\"B\"]", "[\"A\",\"C\"]", "[\"B\",\"C\",\"D\"]"), changedNames(tenant, app));
    }

    @Test
    void aChangeThatChangesNothingWritesNothingAndEmitsNothing() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        put("alice", tenant, app, Map.of("A", "1", "B", "2")).statusCode(200);
        List<Object[]> before = TestDb.rows("select name, nonce from tenant.config_vars where tenant = ? order by name",
                tenant);

        put("alice", tenant, app, Map.of("A", "1", "B", "2")).statusCode(200).body("vars", aMapWithSize(2));
        patch("alice", tenant, app, "{\"vars\": {\"A\": \"1\", \"NEVER_SET\": null}}").statusCode(200)
                .body("vars", equalTo(Map.of("A", "1", "B", "2")));
        patch("alice", tenant, app, "{\"vars\": {\"B\": \"changed\"}}").statusCode(200);

        assertEquals(List.of("[\"A\",\"B\"]", "[\"B\"]"), changedNames(tenant, app));
        List<Object[]> after = TestDb.rows("select name, nonce from tenant.config_vars where tenant = ? order by name",
                tenant);
        assertArrayEquals((byte[]) before.get(0)[1], (byte[]) after.get(0)[1], "A was not rewritten");
        assertFalse(Arrays.equals((byte[]) before.get(1)[1], (byte[]) after.get(1)[1]), "B was sealed anew");
    }

    @Test
    void aViewerSeesNamesOnlyAndCannotWrite() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        put("alice", tenant, app, Map.of("API_TOKEN", "viewer-must-not-see-this")).statusCode(200);
        addMember(tenant, "bob", "viewer");

        String body = get("bob", tenant, app).statusCode(200)
                .body("vars", hasKey("API_TOKEN"))
                .body("vars.API_TOKEN", nullValue())
                .extract().asString();
        assertFalse(body.contains("viewer-must-not-see-this"), body);
        put("bob", tenant, app, Map.of("API_TOKEN", "x")).statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("your role in tenant '" + tenant + "' is viewer; this needs developer"));
        patch("bob", tenant, app, "{\"vars\": {\"API_TOKEN\": null}}").statusCode(403).contentType(PROBLEM);
        get("alice", tenant, app).statusCode(200).body("vars.API_TOKEN", equalTo("viewer-must-not-see-this"));
    }

    @Test
    void aDeveloperSeesValuesAndMayWrite() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        put("alice", tenant, app, Map.of("A", "from alice")).statusCode(200);
        addMember(tenant, "bob", "developer");

        get("bob", tenant, app).statusCode(200).body("vars.A", equalTo("from alice"));
        patch("bob", tenant, app, "{\"vars\": {\"B\": \"from bob\"}}").statusCode(200)
                .body("vars", equalTo(Map.of("A", "from alice", "B", "from bob")));
    }

    @Test
    void aNonMemberAndAnUnknownAppGet404() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        put("alice", tenant, app, Map.of("A", "1")).statusCode(200);

        get("bob", tenant, app).statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("tenant '" + tenant + "' not found"));
        put("bob", tenant, app, Map.of("A", "2")).statusCode(404).contentType(PROBLEM);
        patch("bob", tenant, app, "{\"vars\": {\"A\": null}}").statusCode(404).contentType(PROBLEM);
        for (ValidatableResponse response : List.of(get("alice", tenant, "nope"),
                put("alice", tenant, "nope", Map.of("A", "1")),
                patch("alice", tenant, "nope", "{\"vars\": {\"A\": \"1\"}}"))) {
            response.statusCode(404).contentType(PROBLEM)
                    .body("detail", containsString("app 'nope' not found in tenant '" + tenant + "'"));
        }
        get("alice", tenant, app).statusCode(200).body("vars", equalTo(Map.of("A", "1")));
    }

    @Test
    void invalidEntriesAreAllNamedAndNothingChanges() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        put("alice", tenant, app, Map.of("KEPT", "as it was")).statusCode(200);
        String tooLong = "é".repeat(16 * 1024 + 1);

        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("lower_case", "x");
        bad.put("9LIVES", "x");
        bad.put("CLOUDUNIT_PORT", "x");
        bad.put("N".repeat(129), "x");
        bad.put("BIG", tooLong);
        bad.put("NUMBER", 5);
        bad.put("FINE", "would be fine");
        String detail = patch("alice", tenant, app, Map.of("vars", bad)).statusCode(422).contentType(PROBLEM)
                .body("detail", allOf(containsString("nothing was changed"),
                        containsString("name 'lower_case' is not valid"),
                        containsString("name '9LIVES' is not valid"),
                        containsString("name 'CLOUDUNIT_PORT' is reserved"),
                        containsString("name '" + "N".repeat(64) + "…' is not valid"),
                        containsString("value of 'BIG' has 32770 bytes: use at most 32768"),
                        containsString("value of 'NUMBER' is a JSON number")))
                .extract().path("detail");
        assertFalse(detail.contains("FINE"), detail);
        bad.remove("NUMBER");
        put("alice", tenant, app, Map.of("vars", bad)).statusCode(422).body("detail", containsString("'BIG'"));
        put("alice", tenant, app, "{\"vars\": {\"A\": null}}").statusCode(422)
                .body("detail", containsString("value of 'A' is null: PUT needs a string"));
        put("alice", tenant, app, "{}").statusCode(422).body("detail", containsString("vars is required"));

        put("alice", tenant, app, "{\"vars\": {\"A\": ").statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("malformed JSON"));
        patch("alice", tenant, app, "{\"vars\": [\"A\"]}").statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("vars"));
        put("alice", tenant, app, "").statusCode(400).body("detail", containsString("body is required"));

        get("alice", tenant, app).statusCode(200).body("vars", equalTo(Map.of("KEPT", "as it was")));
        assertEquals(1, changedNames(tenant, app).size());
    }

    @Test
    void aValueOfExactly32KiBAndAMergePatchAreAccepted() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        String largest = "x".repeat(32 * 1024);

        as("alice").contentType("application/merge-patch+json").body("{\"vars\": {\"LARGEST\": \"" + largest + "\"}}")
                .patch("/api/v1/tenants/{t}/apps/{a}/config", tenant, app)
                .then().statusCode(200);
        get("alice", tenant, app).statusCode(200).body("vars.LARGEST", equalTo(largest));
    }

    @Test
    void theHundredVarLimitIsEnforcedAndTheRefusalIsAnEvent() throws Exception {
        long since = System.currentTimeMillis();
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        Map<String, String> hundred = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            hundred.put("VAR_" + i, "value " + i);
        }
        put("alice", tenant, app, hundred).statusCode(200).body("vars", aMapWithSize(100));

        patch("alice", tenant, app, "{\"vars\": {\"ONE_MORE\": \"x\"}}").statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("app '" + app + "' would have 101 config vars, its limit "
                        + "(maxConfigVars of plan default) is 100"));
        // Replacing one var by another keeps the count at the limit: allowed.
        patch("alice", tenant, app, "{\"vars\": {\"VAR_0\": null, \"ONE_MORE\": \"x\"}}").statusCode(200)
                .body("vars", aMapWithSize(100));

        get("alice", tenant, app).statusCode(200).body("vars", aMapWithSize(100))
                .body("vars", hasEntry("ONE_MORE", "x")).body("vars", not(hasKey("VAR_0")));
        List<Object[]> exceeded = TestDb.rows("select payload from tenant.outbox where tenant = ? and type = ?",
                tenant, "io.cloudunit.quota.exceeded");
        assertEquals(1, exceeded.size());
        JsonNode payload = JSON.readTree((String) exceeded.get(0)[0]);
        assertEquals("maxConfigVars", payload.get("limit").asText());
        assertEquals(101, payload.get("requested").asLong());
        assertEquals(100, payload.get("allowed").asLong());
        TestKafka.awaitRecords("test.cloudunit.tenants", since, 1, record -> tenant.equals(record.key())
                && "io.cloudunit.quota.exceeded".equals(TestKafka.header(record, KafkaCloudEvents.TYPE).orElse("")));
        assertEquals(2, changedNames(tenant, app).size());
    }

    @Test
    void concurrentChangesCannotTogetherGoBeyondTheLimit() throws Exception {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String prefix : List.of("FIRST_", "SECOND_")) {
                Map<String, String> sixty = new LinkedHashMap<>();
                for (int i = 0; i < 60; i++) {
                    sixty.put(prefix + i, "v");
                }
                answers.add(pool.submit(() -> patch("alice", tenant, app, Map.of("vars", sixty)).extract()
                        .statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            statuses.sort(null);
            assertEquals(List.of(200, 409), statuses);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(60, TestDb.count("select count(*) from tenant.config_vars where tenant = ? and app = ?", tenant,
                app));
    }

    @Test
    void valuesAreEncryptedInTheDatabaseAndNeverInEvents() throws Exception {
        long since = System.currentTimeMillis();
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        String secret = "s3cr3t-" + Fixtures.name("v");
        put("alice", tenant, app, Map.of("DATABASE_PASSWORD", secret)).statusCode(200);

        List<Object[]> rows = TestDb.rows("select key_id, nonce, ciphertext, row_to_json(c)::text "
                + "from tenant.config_vars c where tenant = ? and app = ?", tenant, app);
        assertEquals(1, rows.size());
        Object[] row = rows.get(0);
        assertEquals("test-2", row[0], "sealed with the active key");
        assertEquals(12, ((byte[]) row[1]).length);
        byte[] plain = secret.getBytes(StandardCharsets.UTF_8);
        assertFalse(contains((byte[]) row[2], plain), "the ciphertext column holds no plain value");
        assertFalse(((String) row[3]).contains(secret), "no column holds the plain value");
        assertFalse(((String) row[3]).contains(hex(plain)), "no column holds the plain value, even as hex");

        Object[] event = TestDb.rows("select payload from tenant.outbox where subject = ? and type = ?",
                tenant + "/" + app, CHANGED).get(0);
        // names and who changed them (ADR 0022), never a value
        assertEquals("{\"tenant\":\"" + tenant + "\",\"app\":\"" + app + "\",\"names\":[\"DATABASE_PASSWORD\"],"
                + "\"actor\":\"alice\"}", event[0]);
        ConsumerRecord<String, String> published = TestKafka.awaitRecords("test.cloudunit.apps", since, 1,
                record -> (tenant + "/" + app).equals(record.key())
                        && CHANGED.equals(TestKafka.header(record, KafkaCloudEvents.TYPE).orElse(""))).get(0);
        assertEquals(List.of("DATABASE_PASSWORD"),
                JSON.readValue(published.value(), Map.class).get("names"));
        assertFalse(published.value().contains(secret));
        published.headers().forEach(header -> assertFalse(new String(header.value(), StandardCharsets.UTF_8)
                .contains(secret), header.key()));
    }

    @Test
    void deletingTheAppDeletesItsVars() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        put("alice", tenant, app, Map.of("A", "1", "B", "2")).statusCode(200);
        assertEquals(2, TestDb.count("select count(*) from tenant.config_vars where tenant = ? and app = ?", tenant,
                app));

        as("alice").delete("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(204);

        assertEquals(0, TestDb.count("select count(*) from tenant.config_vars where tenant = ? and app = ?", tenant,
                app));
        get("alice", tenant, app).statusCode(404);
        as("alice").contentType(ContentType.JSON).body(Map.of("name", app, "stack", "java"))
                .post("/api/v1/tenants/{t}/apps", tenant).then().statusCode(201);
        get("alice", tenant, app).statusCode(200).body("vars", anEmptyMap());
    }

    @Test
    void rowsUnderTheRetiredKeyStayReadableAndAreReencryptedWithTheActiveKey() throws Throwable {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        String damaged = Fixtures.appOf("alice", tenant);
        ConfigCipher retired = ConfigCipher.of(Map.of("test-1", config.configEncryption().keys().get("test-1")),
                "test-1");
        insertSealed(retired, new ConfigVarAddress(tenant, app, "OLD_SECRET"), "sealed with test-1", false);
        insertSealed(retired, new ConfigVarAddress(tenant, damaged, "BROKEN"), "tampered with", true);
        get("alice", tenant, app).statusCode(200).body("vars.OLD_SECRET", equalTo("sealed with test-1"));

        long rewritten = VertxContextSupport.subscribeAndAwait(() -> rotation.reencryptRetired());

        assertTrue(rewritten >= 1, "rewritten: " + rewritten);
        assertEquals("test-2", TestDb.rows("select key_id from tenant.config_vars where tenant = ? and app = ?",
                tenant, app).get(0)[0]);
        get("alice", tenant, app).statusCode(200).body("vars.OLD_SECRET", equalTo("sealed with test-1"));
        // A row that does not authenticate is skipped, not rewritten, and does not stop the others.
        assertEquals("test-1", TestDb.rows("select key_id from tenant.config_vars where tenant = ? and app = ?",
                tenant, damaged).get(0)[0]);
        String body = get("alice", tenant, damaged).statusCode(500).contentType(PROBLEM)
                .body("detail", containsString("cannot be decrypted with the platform's keys"))
                .extract().asString();
        assertFalse(body.contains("tampered with"), body);
    }

    @Test
    void theOpenApiDocumentDeclaresTheRoles() {
        String path = "paths.'/api/v1/tenants/{tenant}/apps/{app}/config'";
        as("alice").accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(path + ".get.x-cloudunit-role", equalTo("viewer"))
                .body(path + ".put.x-cloudunit-role", equalTo("developer"))
                .body(path + ".patch.x-cloudunit-role", equalTo("developer"));
    }

    private static void insertSealed(ConfigCipher cipher, ConfigVarAddress address, String value, boolean tamper) {
        SealedValue sealed = cipher.seal(address, value);
        byte[] ciphertext = sealed.ciphertext().clone();
        if (tamper) {
            ciphertext[0] ^= 1;
        }
        TestDb.update("insert into tenant.config_vars (tenant, app, name, key_id, nonce, ciphertext, updated_at) "
                + "values (?, ?, ?, ?, ?, ?, now())", address.tenant(), address.app(), address.name(), sealed.keyId(),
                sealed.nonce(), ciphertext);
    }

    /** The {@code names} of each config.changed event of the app, as JSON, in order. */
    private static List<String> changedNames(String tenant, String app) {
        return TestDb.rows("select payload::json ->> 'names' from tenant.outbox where subject = ? and type = ? "
                + "order by seq", tenant + "/" + app, CHANGED).stream()
                .map(row -> ((String) row[0]).replace(" ", "")).toList();
    }

    private static void addMember(String tenant, String user, String role) {
        TestDb.update("insert into tenant.members (tenant, user_id, username, role, added_at) "
                + "values (?, ?, ?, ?, now())", tenant, Tokens.subjectOf(user), user, role);
    }

    private static ValidatableResponse get(String user, String tenant, String app) {
        return as(user).get("/api/v1/tenants/{t}/apps/{a}/config", tenant, app).then();
    }

    private static ValidatableResponse put(String user, String tenant, String app, Map<String, String> vars) {
        return put(user, tenant, app, (Object) Map.of("vars", vars));
    }

    private static ValidatableResponse put(String user, String tenant, String app, Object body) {
        return as(user).contentType(ContentType.JSON).body(body)
                .put("/api/v1/tenants/{t}/apps/{a}/config", tenant, app).then();
    }

    private static ValidatableResponse patch(String user, String tenant, String app, Object body) {
        return as(user).contentType(ContentType.JSON).body(body)
                .patch("/api/v1/tenants/{t}/apps/{a}/config", tenant, app).then();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
