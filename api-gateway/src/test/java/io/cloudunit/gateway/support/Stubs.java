package io.cloudunit.gateway.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The gateway's collaborators as HTTP stubs (tenant-, build- and deployer-service are not running during
 * these tests), plus an "app" for the router. Started once per JVM; the gateway's URLs point at them.
 */
public class Stubs implements QuarkusTestResourceLifecycleManager {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final StubService TENANT = new StubService("tenant-service");
    public static final StubService BUILD = new StubService("build-service");
    public static final StubService DEPLOYER = new StubService("deployer-service");
    public static final StubService APP = new StubService("app");

    /** username → tenant → role, as tenant-service's /api/v1/me answers it. */
    private static final Map<String, Map<String, String>> MEMBERSHIPS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> ME_CALLS = new ConcurrentHashMap<>();
    /** The deployer's route snapshot: refused once (the gateway must retry), then this. */
    public static final List<ObjectNode> SNAPSHOT = new CopyOnWriteArrayList<>();
    public static final AtomicInteger SNAPSHOT_CALLS = new AtomicInteger();

    /**
     * The deployer's OpenAPI document: restarting an app needs an owner here (the fallback rule would let a
     * developer), quarantining one is for platform admins only (a requirement the gateway reads from documents
     * like any role), and its internal route snapshot must not reach the public document.
     */
    public static final String DEPLOYER_OPENAPI = """
            {"openapi": "3.1.0", "info": {"title": "deployer-service", "version": "1"},
             "paths": {
               "/api/v1/tenants/{tenant}/apps/{app}/actions/restart": {"post": {"summary": "Restart the app",
                 "x-cloudunit-role": "owner",
                 "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/AppView"}}}}}}},
               "/api/v1/tenants/{tenant}/apps/{app}/actions/quarantine": {"post": {"summary": "Quarantine the app",
                 "x-cloudunit-role": "platform-admin", "responses": {"200": {}}}},
               "/internal/routes": {"get": {"summary": "route snapshot"}}},
             "components": {"schemas": {"AppView": {"type": "object", "properties": {"state": {"type": "string"}}}}}}
            """;

    /** An app that only the deployer's startup snapshot knows of. */
    public static final String SNAPSHOT_TENANT = Events.uniqueName("snap");

    static {
        snapshotApp(SNAPSHOT_TENANT, "web", "127.0.0.1:" + APP.port());
        SNAPSHOT.add(JSON.createObjectNode().put("tenant", SNAPSHOT_TENANT).put("app", "off").put("state", "stopped")
                .set("instances", JSON.createArrayNode()));
        SNAPSHOT.add(JSON.createObjectNode().put("tenant", SNAPSHOT_TENANT).put("app", "down").put("state", "crashed")
                .set("instances", JSON.createArrayNode()));
        TENANT.on("/api/v1/me", Stubs::me);
        DEPLOYER.on("/internal/routes", Stubs::routes);
        DEPLOYER.on("/q/openapi", exchange -> send(exchange, 200, DEPLOYER_OPENAPI));
        APP.on("/", Stubs::app);
    }

    @Override
    public Map<String, String> start() {
        return Map.of("cloudunit.gateway.tenant-service-url", TENANT.url(),
                "cloudunit.gateway.build-service-url", BUILD.url(),
                "cloudunit.gateway.deployer-service-url", DEPLOYER.url());
    }

    @Override
    public void stop() {
        // The stubs live as long as the JVM: several test classes share them.
    }

    public static void member(String username, String tenant, String role) {
        MEMBERSHIPS.computeIfAbsent(username, u -> new ConcurrentHashMap<>()).put(tenant, role);
    }

    public static int meCalls(String username) {
        return ME_CALLS.computeIfAbsent(username, u -> new AtomicInteger()).get();
    }

    /** A snapshot entry of one app with one healthy instance at {@code address}. */
    public static void snapshotApp(String tenant, String app, String address) {
        ObjectNode entry = JSON.createObjectNode().put("tenant", tenant).put("app", app);
        ArrayNode instances = entry.putArray("instances");
        instances.addObject().put("instance", "cu-" + tenant + "-" + app + "-v1-1").put("version", 1)
                .put("address", address).put("healthy", true);
        instances.addObject().put("instance", "cu-" + tenant + "-" + app + "-v1-2").put("version", 1)
                .put("address", "127.0.0.1:1").put("healthy", false);
        SNAPSHOT.add(entry);
    }

    private static void me(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            send(exchange, 401, "{\"status\":401}");
            return;
        }
        JsonNode claims = claims(authorization.substring("Bearer ".length()));
        String username = claims.path("preferred_username").asText();
        ME_CALLS.computeIfAbsent(username, u -> new AtomicInteger()).incrementAndGet();
        ObjectNode me = JSON.createObjectNode().put("id", claims.path("sub").asText()).put("username", username)
                .put("platformAdmin", claims.path("realm_access").path("roles").toString().contains("platform-admin"));
        ArrayNode tenants = me.putArray("tenants");
        MEMBERSHIPS.getOrDefault(username, Map.of())
                .forEach((tenant, role) -> tenants.addObject().put("tenant", tenant).put("role", role));
        send(exchange, 200, me.toString());
    }

    private static void routes(HttpExchange exchange) throws IOException {
        if (SNAPSHOT_CALLS.incrementAndGet() == 1) {
            send(exchange, 503, "{\"status\":503,\"detail\":\"starting\"}");
            return;
        }
        send(exchange, 200, JSON.valueToTree(SNAPSHOT).toString());
    }

    private static void app(HttpExchange exchange) throws IOException {
        APP.record(exchange);
        String body = "hello from the app stub; host=" + exchange.getRequestHeaders().getFirst("Host") + " path="
                + exchange.getRequestURI();
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        send(exchange, 200, body);
    }

    private static JsonNode claims(String jwt) throws IOException {
        String[] parts = jwt.split("\\.");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (exchange.getResponseHeaders().getFirst("Content-Type") == null) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
