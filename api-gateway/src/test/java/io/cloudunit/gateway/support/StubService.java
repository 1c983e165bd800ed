package io.cloudunit.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A collaborator service over HTTP (the one fake the tests allow): a JDK HTTP server on a random 127.0.0.1
 * port that records every request it receives (bodies are counted and hashed as they stream in, never
 * kept whole) and answers with an echo, unless a path has its own handler.
 */
public final class StubService {

    /** What the stub saw of one request. */
    public record Received(String method, String uri, Map<String, List<String>> headers, long bodyBytes,
            String bodySha256, String bodyStart) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private static final Pattern TENANT_NAME = Pattern.compile("\"name\"\\s*:\\s*\"([a-z0-9-]+)\"");

    private final String name;
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();
    /** Bytes of request bodies received so far, updated while they stream in. */
    private final AtomicLong bodyBytesInFlight = new AtomicLong();

    public StubService(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name + "-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String name() {
        return name;
    }

    /** Serves requests whose path starts with {@code prefix} with {@code handler} (not recorded). */
    public void on(String prefix, HttpHandler handler) {
        handlers.put(prefix, handler);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedUnder(String pathPrefix) {
        return received.stream().filter(r -> r.uri().startsWith(pathPrefix)).toList();
    }

    public long bodyBytesInFlight() {
        return bodyBytesInFlight.get();
    }

    public void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        HttpHandler special = handlers.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
                .max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length())))
                .map(Map.Entry::getValue).orElse(null);
        if (special != null) {
            special.handle(exchange);
            return;
        }
        Received request = record(exchange);
        String body = "{\"service\":\"" + name + "\",\"method\":\"" + request.method() + "\",\"uri\":\""
                + request.uri().replace("\"", "\\\"") + "\",\"bodyBytes\":" + request.bodyBytes() + "}";
        int status = "POST".equals(request.method()) ? 201 : 200;
        createdTenant(request).ifPresent(tenant -> exchange.getResponseHeaders().add("Location", tenant));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-Stub", name);
        exchange.getResponseHeaders().add("Keep-Alive", "timeout=5");
        exchange.sendResponseHeaders(status, "HEAD".equals(request.method()) ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!"HEAD".equals(request.method())) {
                out.write(bytes);
            }
        }
    }

    /** Like tenant-service, locates a tenant created by {@code POST /api/v1/tenants {"name": ...}}. */
    private Optional<String> createdTenant(Received request) {
        Matcher name = TENANT_NAME.matcher(request.bodyStart());
        return "tenant-service".equals(this.name) && "POST".equals(request.method())
                && "/api/v1/tenants".equals(request.uri()) && name.find()
                ? Optional.of("/api/v1/tenants/" + name.group(1))
                : Optional.empty();
    }

    /** Reads the whole body as a stream (counting and hashing it) and records the request. */
    public Received record(HttpExchange exchange) throws IOException {
        MessageDigest sha = sha256();
        long count = 0;
        StringBuilder start = new StringBuilder();
        byte[] chunk = new byte[64 * 1024];
        try (InputStream in = exchange.getRequestBody()) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                sha.update(chunk, 0, n);
                if (start.length() < 4096) {
                    start.append(new String(chunk, 0, Math.min(n, 4096 - start.length()), StandardCharsets.UTF_8));
                }
                count += n;
                bodyBytesInFlight.addAndGet(n);
            }
        }
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), new ArrayList<>(v)));
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
                count, HexFormat.of().formatHex(sha.digest()), start.toString());
        received.add(request);
        return request;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
