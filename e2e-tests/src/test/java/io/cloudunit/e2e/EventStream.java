package io.cloudunit.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

/** A live subscription to a tenant's SSE event stream, collecting every CloudEvent it delivers. */
final class EventStream implements AutoCloseable {
    record Event(String id, String type, JsonNode cloudEvent) {
    }

    private final List<Event> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final Thread reader;
    private volatile HttpResponse<java.io.InputStream> response;

    private EventStream(Api api, String path) {
        reader = new Thread(() -> read(api, path), "sse-" + path);
        reader.setDaemon(true);
        reader.start();
    }

    static EventStream open(Api api, String tenant) {
        EventStream stream = new EventStream(api, "/tenants/" + tenant + "/events");
        int code = stream.status.join();
        if (code != 200) {
            throw new AssertionError("event stream refused: " + code);
        }
        return stream;
    }

    List<Event> events() {
        return List.copyOf(received);
    }

    List<String> types() {
        return received.stream().map(Event::type).toList();
    }

    boolean has(String type) {
        return types().contains(type);
    }

    private void read(Api api, String path) {
        try {
            response = Api.HTTP.send(api.request(path).timeout(java.time.Duration.ofMinutes(30))
                    .header("Accept", "text/event-stream").GET().build(), BodyHandlers.ofInputStream());
            status.complete(response.statusCode());
            try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                parse(lines);
            }
        } catch (Exception e) {
            status.complete(-1);
        }
    }

    private void parse(BufferedReader lines) throws java.io.IOException {
        String id = null;
        String type = null;
        List<String> data = new ArrayList<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    JsonNode event = Answer.JSON.readTree(String.join("\n", data));
                    received.add(new Event(id, type != null ? type : event.path("type").asText(), event));
                }
                id = null;
                type = null;
                data.clear();
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                type = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.add(line.substring(5).trim());
            }
        }
    }

    @Override
    public void close() {
        if (response != null) {
            try {
                response.body().close();
            } catch (java.io.IOException ignored) {
                // closing a stream that the server may already have ended
            }
        }
        reader.interrupt();
    }
}
