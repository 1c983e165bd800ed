package io.cloudunit.deployer.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for tenant-service (not running during these tests) over real HTTP: {@code GET /api/v1/me} answers
 * the memberships registered for the token's user, like tenant-service. Tests register them through the stub's
 * own {@code PUT /_stub/members/{tenant}/{username}?role=} ({@link Members}), so no state is shared across class
 * loaders. {@code GET /internal/v1/tenants/{t}/apps/{a}/config} answers the vars a test set with
 * {@code PUT /_stub/config/{t}/{a}} ({@link Configs}) to a token with realm role {@value #CONFIG_READER} only (403
 * otherwise), and 404 for an app nobody set vars of, like tenant-service for an unknown app.
 */
public class TenantServiceStub implements QuarkusTestResourceLifecycleManager {
    public static final String URL_PROPERTY = "cloudunit.deployer.tenant-service-url";
    private static final Pattern REGISTER = Pattern.compile("^/_stub/members/([^/]+)/([^/]+)$");
    private static final Pattern SET_CONFIG = Pattern.compile("^/_stub/config/([^/]+)/([^/]+)$");
    private static final Pattern CONFIG = Pattern.compile("^/internal/v1/tenants/([^/]+)/apps/([^/]+)/config$");
    static final String CONFIG_READER = "cloudunit-config-reader";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** username → tenant → role. */
    private final Map<String, Map<String, String>> members = new ConcurrentHashMap<>();
    /** tenant/app → the JSON answer {"vars": {…}}. */
    private final Map<String, String> configs = new ConcurrentHashMap<>();
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
        return Map.of(URL_PROPERTY, "http://127.0.0.1:" + server.getAddress().getPort());
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
            Matcher register = REGISTER.matcher(path);
            Matcher setConfig = SET_CONFIG.matcher(path);
            Matcher config = CONFIG.matcher(path);
            if (setConfig.matches() && exchange.getRequestMethod().equals("PUT")) {
                configs.put(setConfig.group(1) + "/" + setConfig.group(2),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                send(exchange, 204, null, null);
            } else if (config.matches() && exchange.getRequestMethod().equals("GET")) {
                config(exchange, config.group(1) + "/" + config.group(2));
            } else if (path.equals("/api/v1/me") && exchange.getRequestMethod().equals("GET")) {
                me(exchange);
            } else if (register.matches() && exchange.getRequestMethod().equals("PUT")) {
                String role = exchange.getRequestURI().getQuery().replaceFirst("^role=", "");
                members.computeIfAbsent(register.group(2), user -> new ConcurrentHashMap<>())
                        .put(register.group(1), role);
                send(exchange, 204, null, null);
            } else {
                send(exchange, 404, "text/plain", "no such stub route");
            }
        }
    }

    private void me(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            send(exchange, 401, "application/problem+json", "{\"status\":401,\"detail\":\"no token\"}");
            return;
        }
        String username = username(authorization);
        List<Map<String, String>> tenants = new ArrayList<>();
        members.getOrDefault(username, Map.of())
                .forEach((tenant, role) -> tenants.add(Map.of("tenant", tenant, "role", role)));
        send(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("id", username,
                "username", username, "platformAdmin", false, "tenants", tenants)));
    }

    private void config(HttpExchange exchange, String key) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            send(exchange, 401, "application/problem+json", "{\"status\":401,\"detail\":\"no token\"}");
            return;
        }
        JsonNode roles = payload(authorization).path("realm_access").path("roles");
        boolean reader = false;
        for (JsonNode role : roles) {
            reader |= CONFIG_READER.equals(role.asText());
        }
        String vars = configs.get(key);
        if (!reader) {
            send(exchange, 403, "application/problem+json", "{\"status\":403,\"detail\":\"not a config reader\"}");
        } else if (vars == null) {
            send(exchange, 404, "application/problem+json", "{\"status\":404,\"detail\":\"no such app\"}");
        } else {
            send(exchange, 200, "application/json", vars);
        }
    }

    private static JsonNode payload(String authorization) throws IOException {
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    /** The caller, read from the token's payload; the deployer verified the token already. */
    private static String username(String authorization) throws IOException {
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        return payload.path("preferred_username").asText();
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
