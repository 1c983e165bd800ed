package io.cloudunit.tenant.token;

import static io.cloudunit.tenant.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudunit.tenant.Fixtures;
import io.cloudunit.tenant.OutboxEvents;
import io.cloudunit.tenant.OutboxEvents.Event;
import io.cloudunit.tenant.TestDb;
import io.cloudunit.tenant.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Tokens for CLI and CI against the real Keycloak: created, used with client credentials, revoked, expired. */
@QuarkusTest
class TokenResourceTest {
    private static final String PROBLEM = "application/problem+json";
    private static final String TOKENS = "/api/v1/tenants/{t}/tokens";
    private static final String TOKEN = "/api/v1/tenants/{t}/tokens/{id}";
    /** Every token a test made, revoked after it so that no Keycloak client is left behind. */
    private static final Set<Created> CREATED = ConcurrentHashMap.newKeySet();

    private record Created(String tenant, long id, String clientId, String secret) {
    }

    // After each test, not after the class: RestAssured points at the application during tests only.
    @AfterEach
    void revokeTokens() {
        for (Created token : CREATED) {
            as("alice").delete(TOKEN, token.tenant(), token.id());
            assertEquals(0, KeycloakClients.clientsStartingWith(token.clientId()),
                    "client " + token.clientId() + " left in Keycloak");
        }
        CREATED.clear();
    }

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
    }

    @Test
    void aViewerTokenReadsItsTenantOnlyAndItsSecretIsShownOnce() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        String other = Fixtures.tenantOf("alice");
        JsonPath answer = create(tenant, Map.of("name", "ci-read", "role", "viewer", "expiresInDays", 30))
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .body("name", equalTo("ci-read"))
                .body("role", equalTo("viewer"))
                .body("clientId", containsString("cu-token-" + tenant + "-"))
                .body("clientSecret", notNullValue())
                .body("tokenUrl", equalTo(KeycloakClients.TOKEN_URL))
                .body("expiresAt", notNullValue())
                .extract().jsonPath();
        Created token = remember(tenant, answer);

        as("alice").get(TOKENS, tenant).then().statusCode(200)
                .body("name", equalTo(List.of("ci-read")))
                .body("clientId", equalTo(List.of(token.clientId())))
                .body("createdBy", equalTo(List.of("alice")))
                .body("[0]", not(org.hamcrest.Matchers.hasKey("clientSecret")));
        assertFalse(TestDb.rows("select * from tenant.tokens where tenant = ?", tenant).toString()
                .contains(token.secret()), "the secret is stored");

        String jwt = KeycloakClients.grant(token.clientId(), token.secret()).accessToken();
        JsonNode claims = KeycloakClients.claims(jwt);
        assertTrue(claims.get("aud").toString().contains("cloudunit-api"), claims.toString());
        assertEquals(tenant, claims.get("cloudunit_tenant").asText());
        assertTrue(claims.get("exp").asLong() - claims.get("iat").asLong() <= 300, claims.toString());

        bearer(jwt).get("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(200);
        bearer(jwt).get("/api/v1/me").then().statusCode(200).body("tenants.tenant", equalTo(List.of(tenant)))
                .body("tenants.role", equalTo(List.of("viewer")));
        bearer(jwt).contentType(ContentType.JSON).body(Map.of("name", Fixtures.name("a"), "stack", "java"))
                .post("/api/v1/tenants/{t}/apps", tenant).then().statusCode(403).contentType(PROBLEM);
        bearer(jwt).get("/api/v1/tenants/{t}/apps", other).then().statusCode(404).contentType(PROBLEM);
        bearer(jwt).contentType(ContentType.JSON).body(Map.of("name", Fixtures.name("t")))
                .post("/api/v1/tenants").then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("cannot create tenants"));
        // A token is listed under /tokens, not among the people.
        as("alice").get("/api/v1/tenants/{t}/members", tenant).then().statusCode(200)
                .body("username", equalTo(List.of("alice")));
        // …and cannot be promoted, or removed, there: only /tokens manages it.
        String username = claims.get("preferred_username").asText();
        as("alice").contentType(ContentType.JSON).body(Map.of("role", "owner"))
                .patch("/api/v1/tenants/{t}/members/{u}", tenant, username).then().statusCode(404);
        as("alice").delete("/api/v1/tenants/{t}/members/{u}", tenant, username).then().statusCode(404);
        bearer(jwt).delete("/api/v1/tenants/{t}/members/{u}", tenant, username).then().statusCode(404);
        bearer(jwt).get("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(200);

        Map<String, Object> added = new HashMap<>(Map.of("tenant", tenant, "role", "viewer",
                "userId", claims.get("sub").asText(), "username", claims.get("preferred_username").asText()));
        assertEquals(new Event("member.added", added), last(OutboxEvents.of(tenant)));
        assertFalse(OutboxEvents.of(tenant).toString().contains(token.secret()), "the secret is in an event");
    }

    @Test
    void aDeveloperTokenWritesButCannotManageMembersOrTokens() {
        String tenant = Fixtures.tenantOf("alice");
        Created token = remember(tenant, create(tenant, Map.of("name", "ci-deploy", "role", "developer"))
                .statusCode(201).extract().jsonPath());
        String jwt = KeycloakClients.grant(token.clientId(), token.secret()).accessToken();

        bearer(jwt).contentType(ContentType.JSON).body(Map.of("name", Fixtures.name("a"), "stack", "java"))
                .post("/api/v1/tenants/{t}/apps", tenant).then().statusCode(201);
        bearer(jwt).get(TOKENS, tenant).then().statusCode(403);
        bearer(jwt).contentType(ContentType.JSON).body(Map.of("name", "escalate", "role", "developer"))
                .post(TOKENS, tenant).then().statusCode(403);
        bearer(jwt).delete(TOKEN, tenant, token.id()).then().statusCode(403);
        bearer(jwt).contentType(ContentType.JSON).body(Map.of("user", "bob", "role", "owner"))
                .post("/api/v1/tenants/{t}/members", tenant).then().statusCode(403);
        // Default life: 90 days.
        JsonPath listed = as("alice").get(TOKENS, tenant).then().statusCode(200).extract().jsonPath();
        Duration life = Duration.between(java.time.OffsetDateTime.parse(listed.getString("[0].createdAt")),
                java.time.OffsetDateTime.parse(listed.getString("[0].expiresAt")));
        assertEquals(Duration.ofDays(90), life);
    }

    @Test
    void aRevokedTokenLosesItsClientAndItsMembershipAtOnce() {
        long since = System.currentTimeMillis();
        String tenant = Fixtures.tenantOf("alice");
        Created token = remember(tenant, create(tenant, Map.of("name", "ci-job", "role", "viewer"))
                .statusCode(201).extract().jsonPath());
        String jwt = KeycloakClients.grant(token.clientId(), token.secret()).accessToken();
        String sub = KeycloakClients.claims(jwt).get("sub").asText();
        bearer(jwt).get("/api/v1/tenants/{t}", tenant).then().statusCode(200);

        as("alice").delete(TOKEN, tenant, token.id()).then().statusCode(204);

        assertEquals(401, KeycloakClients.grant(token.clientId(), token.secret()).status());
        assertEquals(0, KeycloakClients.clientsStartingWith(token.clientId()));
        bearer(jwt).get("/api/v1/tenants/{t}", tenant).then().statusCode(404);
        bearer(jwt).get("/api/v1/me").then().statusCode(200).body("tenants", empty());
        as("alice").get(TOKENS, tenant).then().statusCode(200).body("$", empty());
        as("alice").delete(TOKEN, tenant, token.id()).then().statusCode(404).contentType(PROBLEM);
        assertEquals(new Event("member.removed", Map.of("tenant", tenant, "userId", sub)),
                last(OutboxEvents.of(tenant)));
        assertEquals(new Event("member.removed", Map.of("tenant", tenant, "userId", sub)),
                last(OutboxEvents.onTopic(tenant, since, 4)));
        // The name is free again.
        remember(tenant, create(tenant, Map.of("name", "ci-job", "role", "viewer")).statusCode(201)
                .extract().jsonPath());
    }

    @Test
    void anExpiredTokenIsRefusedAtOnceThenRevoked() {
        String tenant = Fixtures.tenantOf("alice");
        Created token = remember(tenant, create(tenant, Map.of("name", "short", "role", "viewer", "expiresInDays", 1))
                .statusCode(201).extract().jsonPath());
        String jwt = KeycloakClients.grant(token.clientId(), token.secret()).accessToken();
        bearer(jwt).get("/api/v1/tenants/{t}", tenant).then().statusCode(200);

        // Pushed into the past before the job can see it: the membership lapses even before the revocation.
        TestDb.update("update tenant.tokens set expires_at = now() + interval '2 seconds' where id = ?", token.id());
        TestDb.update("update tenant.members set expires_at = now() - interval '1 second' where token_id = ?",
                token.id());
        bearer(jwt).get("/api/v1/tenants/{t}", tenant).then().statusCode(404);
        bearer(jwt).get("/api/v1/me").then().statusCode(200).body("tenants", empty());
        bearer(jwt).get("/api/v1/tenants").then().statusCode(200).body("$", empty());

        await().atMost(Duration.ofSeconds(20)).until(() -> TestDb.count(
                "select count(*) from tenant.tokens where id = ? and revoked_at is not null", token.id()) == 1);
        assertEquals(401, KeycloakClients.grant(token.clientId(), token.secret()).status());
        assertEquals(0L, TestDb.count("select count(*) from tenant.members where token_id = ?", token.id()));
        assertEquals("member.removed", last(OutboxEvents.of(tenant)).type());
    }

    @Test
    void invalidRequestsAreRefusedAndChangeNothing() {
        String tenant = Fixtures.tenantOf("alice");
        create(tenant, Map.of("name", "ci-job", "role", "owner")).statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("role owner is not allowed for a token"));
        create(tenant, Map.of("name", "ci-job", "role", "admin")).statusCode(422)
                .body("detail", containsString("role 'admin' is not valid: use developer or viewer"));
        create(tenant, Map.of("name", "ci")).statusCode(422).body("detail", containsString("role is required"));
        create(tenant, Map.of("name", "ci-job", "role", "viewer", "expiresInDays", 0)).statusCode(422)
                .body("detail", containsString("expiresInDays is 0: use 1 to 365"));
        create(tenant, Map.of("name", "ci-job", "role", "viewer", "expiresInDays", 366)).statusCode(422)
                .body("detail", containsString("expiresInDays is 366"));
        create(tenant, Map.of("name", "CI Deploy", "role", "viewer")).statusCode(422)
                .body("detail", containsString("token name 'CI Deploy' is not valid"));
        as("alice").contentType(ContentType.JSON).post(TOKENS, tenant).then().statusCode(400);
        as("alice").get(TOKENS, tenant).then().statusCode(200).body("$", empty());
        assertEquals(0, KeycloakClients.clientsStartingWith("cu-token-" + tenant + "-"));

        remember(tenant, create(tenant, Map.of("name", "ci-job", "role", "viewer")).statusCode(201).extract().jsonPath());
        create(tenant, Map.of("name", "ci-job", "role", "developer")).statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("already has a token named 'ci-job'"));
        assertEquals(1, KeycloakClients.clientsStartingWith("cu-token-" + tenant + "-"));
    }

    @Test
    void concurrentCreationsOfOneNameLeaveOneTokenAndOneClient() {
        String tenant = Fixtures.tenantOf("alice");
        List<CompletableFuture<ValidatableResponse>> attempts = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> create(tenant,
                        Map.of("name", "race", "role", "viewer"))))
                .toList();
        List<ValidatableResponse> answers = attempts.stream().map(CompletableFuture::join).toList();
        List<Integer> statuses = answers.stream().map(a -> a.extract().statusCode()).sorted().toList();
        assertEquals(List.of(201, 409, 409, 409), statuses);
        answers.stream().filter(a -> a.extract().statusCode() == 201)
                .forEach(a -> remember(tenant, a.extract().jsonPath()));
        assertEquals(1, KeycloakClients.clientsStartingWith("cu-token-" + tenant + "-"), "an orphan client is left");
    }

    @Test
    void onlyOwnersManageTokensAndOutsidersSeeNoTenant() {
        String tenant = Fixtures.tenantOf("alice");
        Created token = remember(tenant, create(tenant, Map.of("name", "ci-job", "role", "viewer"))
                .statusCode(201).extract().jsonPath());
        Fixtures.member(tenant, "bob", "developer");
        Fixtures.member(tenant, "carol", "viewer");
        for (String user : List.of("bob", "carol")) {
            as(user).get(TOKENS, tenant).then().statusCode(403).contentType(PROBLEM);
            as(user).contentType(ContentType.JSON).body(Map.of("name", "mine", "role", "viewer"))
                    .post(TOKENS, tenant).then().statusCode(403);
            as(user).delete(TOKEN, tenant, token.id()).then().statusCode(403);
        }
        String outsider = Fixtures.tenantOf("admin");
        as("admin").get(TOKENS, tenant).then().statusCode(404);
        as("admin").delete(TOKEN, tenant, token.id()).then().statusCode(404);
        // A token of another tenant is not found from here either.
        as("admin").delete(TOKEN, outsider, token.id()).then().statusCode(404);
        assertEquals(200, KeycloakClients.grant(token.clientId(), token.secret()).status());
    }

    @Test
    void aTokensServiceAccountCannotBeAddedAsAMember() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Tokens.serviceAccountMaySearchUsers(),
                "tenant-service's service account may not search users (realm-management roles)");
        String tenant = Fixtures.tenantOf("alice");
        String other = Fixtures.tenantOf("alice");
        Created token = remember(tenant, create(tenant, Map.of("name", "ci-job", "role", "viewer"))
                .statusCode(201).extract().jsonPath());
        String username = "service-account-" + token.clientId();
        as("alice").contentType(ContentType.JSON).body(Map.of("user", username, "role", "developer"))
                .post("/api/v1/tenants/{t}/members", other).then().statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("is the service account of a client"));
        as("alice").get("/api/v1/tenants/{t}/members", other).then().body("username", not(hasItem(username)));
    }

    private static ValidatableResponse create(String tenant, Map<String, Object> body) {
        return as("alice").contentType(ContentType.JSON).body(body).post(TOKENS, tenant).then();
    }

    private static Created remember(String tenant, JsonPath answer) {
        Created token = new Created(tenant, answer.getLong("id"), answer.getString("clientId"),
                answer.getString("clientSecret"));
        CREATED.add(token);
        return token;
    }

    private static RequestSpecification bearer(String jwt) {
        return given().auth().oauth2(jwt);
    }

    private static Event last(List<Event> events) {
        return events.get(events.size() - 1);
    }
}
