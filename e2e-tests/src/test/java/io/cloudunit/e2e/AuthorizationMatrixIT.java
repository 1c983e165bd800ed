package io.cloudunit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every operation of the public API, as the gateway's merged OpenAPI document lists it, called by an anonymous
 * caller (401), a member of another tenant (404), and each role of the tenant (403 below the operation's least
 * role, let through at or above it). The least roles are written down here: an operation added to the API
 * without its row, or whose declared role differs from the row, fails the test. An operation for platform admins
 * ({@value #PLATFORM_ADMIN}) refuses every member who is not one (403), and lets the platform admin through, on
 * this tenant (where admin is the viewer) and on a tenant he is no member of.
 */
class AuthorizationMatrixIT {
    private static final String SIGNED_IN = "signed-in";
    /** Only callers with the realm role platform-admin, whatever their role in the tenant. */
    private static final String PLATFORM_ADMIN = "platform-admin";
    private static final String TENANT_DELETION = "DELETE /api/v1/tenants/{tenant}";

    /** "METHOD path" → least role. */
    static final Map<String, String> LEAST_ROLE = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /api/v1/me", SIGNED_IN),
            Map.entry("GET /api/v1/plans", SIGNED_IN),
            Map.entry("PUT /api/v1/plans/{name}", PLATFORM_ADMIN),
            Map.entry("GET /api/v1/tenants", SIGNED_IN),
            Map.entry("POST /api/v1/tenants", SIGNED_IN),
            Map.entry("GET /api/v1/tenants/{tenant}", "viewer"),
            Map.entry("PATCH /api/v1/tenants/{tenant}", "owner"),
            // really deletes the matrix's tenant when the owner is let through: checked last (see callOrder)
            Map.entry(TENANT_DELETION, "owner"),
            Map.entry("GET /api/v1/tenants/{tenant}/members", "viewer"),
            Map.entry("POST /api/v1/tenants/{tenant}/members", "owner"),
            Map.entry("GET /api/v1/tenants/{tenant}/members/{username}", "viewer"),
            Map.entry("PATCH /api/v1/tenants/{tenant}/members/{username}", "owner"),
            // any member may leave; removing someone else needs an owner (tenant-service decides)
            Map.entry("DELETE /api/v1/tenants/{tenant}/members/{username}", "viewer"),
            Map.entry("GET /api/v1/tenants/{tenant}/quota", "viewer"),
            Map.entry("PUT /api/v1/tenants/{tenant}/quota", PLATFORM_ADMIN),
            Map.entry("PUT /api/v1/tenants/{tenant}/suspension", PLATFORM_ADMIN),
            Map.entry("DELETE /api/v1/tenants/{tenant}/suspension", PLATFORM_ADMIN),
            Map.entry("GET /api/v1/tenants/{tenant}/apps", "viewer"),
            Map.entry("POST /api/v1/tenants/{tenant}/apps", "developer"),
            Map.entry("GET /api/v1/tenants/{tenant}/apps/{app}", "viewer"),
            Map.entry("PATCH /api/v1/tenants/{tenant}/apps/{app}", "developer"),
            Map.entry("DELETE /api/v1/tenants/{tenant}/apps/{app}", "developer"),
            Map.entry("GET /api/v1/tenants/{tenant}/apps/{app}/config", "viewer"),
            Map.entry("PUT /api/v1/tenants/{tenant}/apps/{app}/config", "developer"),
            Map.entry("PATCH /api/v1/tenants/{tenant}/apps/{app}/config", "developer"),
            Map.entry("GET /api/v1/tenants/{tenant}/apps/{app}/builds", "viewer"),
            Map.entry("POST /api/v1/tenants/{tenant}/apps/{app}/builds", "developer"),
            Map.entry("GET /api/v1/tenants/{tenant}/apps/{app}/builds/{id}", "viewer"),
            Map.entry("GET /api/v1/tenants/{tenant}/apps/{app}/builds/{id}/log", "viewer"),
            Map.entry("POST /api/v1/tenants/{tenant}/apps/{app}/builds/{id}/cancel", "developer"),
            Map.entry("GET /api/v1/tenants/{tenant}/apps/{app}/releases", "viewer"),
            Map.entry("POST /api/v1/tenants/{tenant}/apps/{app}/releases", "developer"),
            Map.entry("POST /api/v1/tenants/{tenant}/apps/{app}/rollback", "developer"),
            Map.entry("GET /api/v1/tenants/{tenant}/apps/{app}/deployments/{id}", "viewer"),
            Map.entry("GET /api/v1/tenants/{tenant}/apps/{app}/instances", "viewer"),
            Map.entry("GET /api/v1/tenants/{tenant}/apps/{app}/logs", "viewer"),
            Map.entry("GET /api/v1/tenants/{tenant}/apps/{app}/stats", "viewer"),
            Map.entry("GET /api/v1/tenants/{tenant}/apps/{app}/state", "viewer"),
            Map.entry("POST /api/v1/tenants/{tenant}/apps/{app}/actions/start", "developer"),
            Map.entry("POST /api/v1/tenants/{tenant}/apps/{app}/actions/stop", "developer"),
            Map.entry("POST /api/v1/tenants/{tenant}/apps/{app}/actions/restart", "developer"),
            Map.entry("GET /api/v1/tenants/{tenant}/audit", "owner"),
            Map.entry("GET /api/v1/tenants/{tenant}/tokens", "owner"),
            Map.entry("POST /api/v1/tenants/{tenant}/tokens", "owner"),
            Map.entry("DELETE /api/v1/tenants/{tenant}/tokens/{id}", "owner"),
            Map.entry("GET /api/v1/tenants/{tenant}/events", "viewer"),
            Map.entry("GET /api/v1/tenants/{tenant}/events/history", "viewer")));
    private static final List<String> ROLES = List.of("owner", "developer", "viewer");
    /** The user who holds each role in the test's tenant; only "admin" is a platform admin. */
    private static final Map<String, String> USERS = Map.of("owner", "alice", "developer", "carol", "viewer", "admin");
    private static final List<String> WEAKEST_FIRST = List.of("viewer", "developer", "owner");
    /** The member of each role who holds the realm role platform-admin: admin, the viewer. */
    private static final List<String> PLATFORM_ADMIN_MEMBERS = List.of("viewer");

    static final String TENANT = Platform.uniqueTenant("matrix");
    static final String OTHER_TENANT = Platform.uniqueTenant("other");
    static Api owner;
    static Map<String, Api> members;
    static Api outsider;

    @BeforeAll
    static void aTenantWithAMemberOfEachRole() {
        owner = Api.as("alice");
        assertEquals(201, owner.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        addMember(USERS.get("developer"), "developer");
        addMember(USERS.get("viewer"), "viewer");
        members = Map.of("owner", owner, "developer", Api.as(USERS.get("developer")), "viewer",
                Api.as(USERS.get("viewer")));
        outsider = Api.as("bob");
        assertEquals(201, outsider.postJson("/tenants", "{\"name\":\"" + OTHER_TENANT + "\"}").status());
    }

    @AfterAll
    static void removeTheTenants() {
        owner.delete("/tenants/" + TENANT);
        outsider.delete("/tenants/" + OTHER_TENANT);
    }

    @Test
    void everyOperationHasARowAndDeclaresTheRoleOfItsRow() {
        Map<String, String> declared = declaredRoles();
        assertEquals(LEAST_ROLE.keySet(), declared.keySet(),
                "operations of /q/openapi (right) versus rows of this matrix (left)");
        assertEquals(LEAST_ROLE, declared, "least role per operation: matrix (left), OpenAPI document (right)");
    }

    @Test
    void everyOperationRefusesOrAdmitsEachKindOfCaller() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> row : callOrder()) {
            String method = row.getKey().split(" ")[0];
            String template = row.getKey().split(" ")[1];
            String path = concrete(template);
            check(wrong, row.getKey(), "anonymous", call(Api.anonymous(), method, path), 401);
            Outcome outsiders = call(outsider, method, path);
            if (template.contains("{tenant}") && !(outsiders.tenantNotFound(TENANT) && outsiders.problem())) {
                wrong.add(row.getKey() + " as another tenant's member: expected the tenant's 404, got " + outsiders);
            }
            for (String role : WEAKEST_FIRST) {
                Outcome outcome = call(members.get(role), method, path);
                boolean allowed = allowed(row.getValue(), role);
                if (allowed && outcome.refused(TENANT)) {
                    wrong.add(row.getKey() + " as " + role + ": refused " + outcome);
                } else if (!allowed && outcome.status() != 403) {
                    wrong.add(row.getKey() + " as " + role + ": expected 403, got " + outcome);
                }
            }
            if (PLATFORM_ADMIN.equals(row.getValue())) {
                Outcome onAnother = call(members.get(PLATFORM_ADMIN_MEMBERS.get(0)), method,
                        path.replace(TENANT, OTHER_TENANT));
                if (onAnother.refused(OTHER_TENANT)) {
                    wrong.add(row.getKey() + " as the platform admin on a tenant he is no member of: refused "
                            + onAnother);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /**
     * Every row, the tenant's deletion last: the owner's call, let through, starts deleting the tenant, after which
     * it refuses changes and soon is gone. Within a row the weakest role calls first, so the owner calls last.
     */
    private static List<Map.Entry<String, String>> callOrder() {
        List<Map.Entry<String, String>> rows = new ArrayList<>(LEAST_ROLE.entrySet());
        rows.sort(Comparator.comparing(row -> row.getKey().equals(TENANT_DELETION)));
        return rows;
    }

    private static void check(List<String> wrong, String operation, String who, Outcome outcome, int expected) {
        if (outcome.status() != expected || !outcome.problem()) {
            wrong.add(operation + " as " + who + ": expected a " + expected + " problem, got " + outcome);
        }
    }

    private static Map<String, String> declaredRoles() {
        JsonNode document = Api.send(HttpRequest.newBuilder(URI.create(Platform.API + "/q/openapi")).GET()).json();
        Map<String, String> declared = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(operation -> {
                if (operation.getValue().isObject() && operation.getValue().has("responses")) {
                    declared.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                            operation.getValue().path("x-cloudunit-role").asText(SIGNED_IN));
                }
            });
        }
        return declared;
    }

    /** The template with this test's tenant and names that exist nowhere, so that nothing is changed. */
    private static String concrete(String template) {
        return template.replace("{tenant}", TENANT).replace("{app}", "no-such-app")
                .replace("{id}", UUID.randomUUID().toString())
                .replaceAll("\\{[^}]+}", "no-such-thing");
    }

    private static boolean allowed(String leastRole, String role) {
        if (PLATFORM_ADMIN.equals(leastRole)) {
            return PLATFORM_ADMIN_MEMBERS.contains(role);
        }
        return SIGNED_IN.equals(leastRole) || rank(role) <= rank(leastRole);
    }

    private static int rank(String role) {
        return ROLES.indexOf(role);
    }

    private static void addMember(String user, String role) {
        Answer added = owner.postJson("/tenants/" + TENANT + "/members",
                "{\"user\":\"" + user + "\",\"role\":\"" + role + "\"}");
        assertEquals(201, added.status(), added.toString());
    }

    /** Calls the operation with an empty JSON body; an event stream is closed as soon as it answers. */
    private static Outcome call(Api caller, String method, String path) {
        HttpRequest.Builder request = caller.request(path.substring("/api/v1".length()))
                .timeout(Duration.ofSeconds(30));
        if (List.of("POST", "PUT", "PATCH").contains(method)) {
            request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString("{}"));
        } else {
            request.method(method, BodyPublishers.noBody());
        }
        try {
            HttpResponse<InputStream> response = Api.HTTP.send(request.build(), BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                String contentType = response.headers().firstValue("content-type").orElse("");
                String text = contentType.startsWith("text/event-stream") ? ""
                        : new String(body.readNBytes(4096), StandardCharsets.UTF_8);
                return new Outcome(response.statusCode(), contentType, text);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the platform: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Outcome(int status, String contentType, String body) {
        boolean problem() {
            return contentType.startsWith("application/problem+json");
        }

        boolean tenantNotFound(String tenant) {
            return status == 404 && body.contains("tenant '" + tenant + "' not found");
        }

        /** Refused by authorization: no identity, too weak a role, or not a member at all. */
        boolean refused(String tenant) {
            return status == 401 || status == 403 || tenantNotFound(tenant);
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }
}
