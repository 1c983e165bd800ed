package io.cloudunit.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.Test;

import io.cloudunit.gateway.support.Database;
import io.cloudunit.gateway.support.Events;
import io.cloudunit.gateway.support.Stubs;
import io.cloudunit.gateway.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.Method;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Limits small enough to reach in a few calls, refilled slowly (a call every 5 s) so that a flood reaches them
 * even on a slow machine. Each user floods in one test only (buckets outlive a test method); admin only makes
 * single calls.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
@WithTestResource(value = Stubs.class, scope = TestResourceScope.GLOBAL)
class RateLimitTest {
    private static final String PROBLEM = "application/problem+json";
    private static final int CALLER_BURST = 20;
    private static final int TENANT_BURST = 5;

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cloudunit.gateway.rate-limit.per-caller", "0.2",
                    "cloudunit.gateway.rate-limit.per-caller-burst", String.valueOf(CALLER_BURST),
                    "cloudunit.gateway.rate-limit.per-tenant", "0.2",
                    "cloudunit.gateway.rate-limit.per-tenant-burst", String.valueOf(TENANT_BURST));
        }
    }

    private record Flood(int passed, Response refused, Instant refusedAt) {
        long retryAfter() {
            return Long.parseLong(refused.header("Retry-After"));
        }
    }

    @Test
    void aTenantOverItsLimitIsRefusedUntilRetryAfterWhileOtherTenantsGoOn() {
        String flooded = Events.uniqueName("t");
        String other = Events.uniqueName("t");
        String admins = Events.uniqueName("t");
        Stubs.member("alice", flooded, "developer");
        Stubs.member("alice", other, "developer");
        Stubs.member("admin", admins, "developer");
        String path = "/api/v1/tenants/" + flooded + "/apps";
        given().header("Authorization", Tokens.bearer("admin")).get("/api/v1/tenants/{t}/apps", admins)
                .then().statusCode(200);

        Flood flood = flood("alice", Method.GET, path, TENANT_BURST + 3);

        assertTrue(flood.passed() >= TENANT_BURST, "the burst passes: " + flood.passed());
        assertEquals(flood.passed(), Stubs.TENANT.receivedUnder(path).size());
        assertEquals(429, flood.refused().statusCode());
        assertTrue(flood.refused().contentType().startsWith(PROBLEM));
        assertRetryAfterWithinOneToken(flood);
        assertEquals(429, flood.refused().jsonPath().getInt("status"));
        assertTrue(flood.refused().jsonPath().getString("detail").contains("tenant '" + flooded + "'"),
                flood.refused().asString());

        Flood again = callOn("alice", Method.GET, path, () -> Stubs.TENANT.receivedUnder(path).size(),
                flood.passed());

        given().header("Authorization", Tokens.bearer("alice")).get("/api/v1/tenants/{t}/apps", other)
                .then().statusCode(200).body("service", equalTo("tenant-service"));
        given().header("Authorization", Tokens.bearer("admin")).get("/api/v1/tenants/{t}/apps", admins)
                .then().statusCode(200);

        awaitRetryAfter(again);
        call("alice", Method.GET, path).then().statusCode(200);
    }

    @Test
    void aCallerOverItsLimitIsRefusedUntilRetryAfterWhileOtherCallersGoOn() {
        String admins = Events.uniqueName("t");
        Stubs.member("admin", admins, "developer");
        // Creating tenants: the one kind of mutating call that no tenant's limit counts, so only bob's applies.
        String path = "/api/v1/tenants?flood=" + Events.uniqueName("f");
        Tokens.of("bob");
        Tokens.of("admin");

        Flood flood = flood("bob", Method.POST, path, CALLER_BURST + 3);

        assertTrue(flood.passed() >= CALLER_BURST, "the burst passes: " + flood.passed());
        assertEquals(flood.passed(), forwarded(path));
        assertTrue(flood.refused().contentType().startsWith(PROBLEM));
        assertRetryAfterWithinOneToken(flood);
        assertTrue(flood.refused().jsonPath().getString("detail").contains("the limit of each caller"),
                flood.refused().asString());
        String refusedId = flood.refused().header("X-Request-Id");
        await("the refusal is audited").atMost(Duration.ofSeconds(30))
                .until(() -> !Database.auditRows(refusedId).isEmpty());
        Map<String, Object> audited = Database.auditRows(refusedId).get(0);
        assertEquals("denied", audited.get("outcome"));
        assertEquals(429, ((Number) audited.get("status")).intValue());
        assertEquals("bob", audited.get("actor_username"));
        assertEquals("POST /tenants", audited.get("action"));

        Flood again = callOn("bob", Method.POST, path, () -> (int) forwarded(path), flood.passed());

        given().header("Authorization", Tokens.bearer("admin")).get("/api/v1/tenants/{t}/apps", admins)
                .then().statusCode(200).body("service", equalTo("tenant-service"));

        awaitRetryAfter(again);
        call("bob", Method.POST, path).then().statusCode(201);
    }

    /** Calls until the first 429, at most {@code most} times; every call before it must pass. */
    private static Flood flood(String user, Method method, String path, int most) {
        for (int call = 0; call < most; call++) {
            Response response = call(user, method, path);
            if (response.statusCode() == 429) {
                return new Flood(call, response, Instant.now());
            }
            assertTrue(response.statusCode() < 300, response.statusCode() + " " + response.asString());
        }
        return fail("no call of " + user + " was refused in " + most);
    }

    /**
     * Three more calls: whether each is refused depends on the time the machine takes (the bucket refills), but
     * only those that pass may reach the service. Returns the last refusal.
     */
    private static Flood callOn(String user, Method method, String path, IntSupplier forwarded, int passedBefore) {
        int passed = passedBefore;
        Flood refused = null;
        for (int call = 0; call < 3; call++) {
            Response response = call(user, method, path);
            if (response.statusCode() == 429) {
                refused = new Flood(passed, response, Instant.now());
            } else {
                assertTrue(response.statusCode() < 300, response.statusCode() + " " + response.asString());
                passed++;
            }
            assertEquals(passed, forwarded.getAsInt(), "the service saw the calls that passed, only those");
        }
        assertTrue(refused != null, "a bucket refills one call every 5 s, not three");
        return refused;
    }

    private static Response call(String user, Method method, String path) {
        RequestSpecification request = given().header("Authorization", Tokens.bearer(user));
        return (method == Method.GET ? request : request.contentType("application/json").body("{}"))
                .request(method, path);
    }

    /** A token comes every 5 s: the wait announced is 1 to 5 s, and the detail says the same. */
    private static void assertRetryAfterWithinOneToken(Flood flood) {
        long seconds = flood.retryAfter();
        assertTrue(seconds >= 1 && seconds <= 5, "Retry-After " + seconds);
        assertTrue(flood.refused().jsonPath().getString("detail").endsWith("; retry in " + seconds + " s"),
                flood.refused().asString());
    }

    private static void awaitRetryAfter(Flood refused) {
        Instant retryAt = refused.refusedAt().plusSeconds(refused.retryAfter());
        await("the Retry-After passes").atMost(Duration.ofSeconds(refused.retryAfter() + 5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !Instant.now().isBefore(retryAt));
    }

    private static long forwarded(String pathAndQuery) {
        return Stubs.TENANT.received().stream().filter(received -> received.uri().equals(pathAndQuery)).count();
    }
}
