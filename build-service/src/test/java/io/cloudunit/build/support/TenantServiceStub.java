package io.cloudunit.build.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for tenant-service (another team's service, not running during these tests) over real HTTP:
 * {@code GET /api/v1/tenants/{t}/apps/{a}} answers the app to its member and 404 to everyone else, like
 * tenant-service. Tests register apps and read the Authorization headers it received through its own
 * {@code /_stub} endpoints ({@link Stub}), so no state is shared across class loaders.
 */
public class TenantServiceStub implements QuarkusTestResourceLifecycleManager {
    private static final Pattern APP = Pattern.compile("^/api/v1/tenants/([^/]+)/apps/([^/]+)$");
    private static final Pattern REGISTER = Pattern.compile("^/_stub/apps/([^/]+)/([^/]+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** tenant/app → {member username, stack, javaVersion or null}. */
    private final Map<String, String[]> apps = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        return Map.of("cloudunit.build.tenant-service-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Matcher app = APP.matcher(path);
            Matcher register = REGISTER.matcher(path);
            if (app.matches() && exchange.getRequestMethod().equals("GET")) {
                lookup(exchange, app.group(1), app.group(2));
            } else if (register.matches() && exchange.getRequestMethod().equals("PUT")) {
                Map<String, String> query = query(exchange.getRequestURI());
                apps.put(register.group(1) + "/" + register.group(2),
                        new String[] { query.get("member"), query.get("stack"), query.get("java") });
                send(exchange, 204, null, null);
            } else if (path.equals("/_stub/authorizations")) {
                send(exchange, 200, "text/plain", String.join("\n", authorizations));
            } else {
                send(exchange, 404, "text/plain", "no such stub route");
            }
        }
    }

    private void lookup(HttpExchange exchange, String tenant, String appName) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            send(exchange, 401, "application/problem+json", "{\"status\":401,\"detail\":\"no token\"}");
            return;
        }
        authorizations.add(authorization);
        String[] registered = apps.get(tenant + "/" + appName);
        if (registered == null || !registered[0].equals(username(authorization))) {
            send(exchange, 404, "application/problem+json", "{\"status\":404,\"detail\":\"app not found\"}");
            return;
        }
        Map<String, Object> view = new java.util.HashMap<>(Map.of("name", appName, "stack", registered[1],
                "memoryMb", 256, "cpus", 0.5, "replicas", 1, "healthPath", "/"));
        view.put("javaVersion", registered[2] == null ? null : Integer.valueOf(registered[2]));
        send(exchange, 200, "application/json", JSON.writeValueAsString(view));
    }

    /** The caller, read from the token's payload; build-service verified the token already. */
    private static String username(String authorization) throws IOException {
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        return payload.path("preferred_username").asText();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new ConcurrentHashMap<>();
        for (String pair : uri.getQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (InputStream ignored = exchange.getRequestBody()) {
            ignored.readAllBytes();
        }
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
