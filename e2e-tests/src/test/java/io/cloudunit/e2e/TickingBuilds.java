package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Dockerfile builds that take as long as a test needs: the {@code RUN} step prints {@code tick 1}, {@code tick 2}
 * … (the base images have no shell: a JAR run by the JRE base, in exec form). And the build log's SSE stream.
 */
final class TickingBuilds {
    private static final String TICKER = """
            public class Ticker {
                public static void main(String[] args) throws Exception {
                    int count = Integer.parseInt(args[0]);
                    long every = Long.parseLong(args[1]);
                    for (int i = 1; count < 0 || i <= count; i++) {
                        System.out.println("tick " + i);
                        System.out.flush();
                        Thread.sleep(every);
                    }
                }
            }
            """;

    private TickingBuilds() {
    }

    /** A tar of the context (made with the tar command); {@code count} negative = forever. */
    static Path context(int count, long everyMs) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("ticking-context");
        Path jar = TestJars.runnableJar(dir, "Ticker", TICKER);
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.copy(jar, context.resolve("ticker.jar"));
        // unique content, so that the COPY step is this build's own
        Files.writeString(context.resolve("note"), UUID.randomUUID().toString());
        Files.writeString(context.resolve("Dockerfile"), "FROM cloudunit/jre:17\nCOPY note ticker.jar /\n"
                + "RUN [\"java\", \"-Xmx32m\", \"-jar\", \"/ticker.jar\", \"" + count + "\", \"" + everyMs + "\"]\n");
        Path tar = dir.resolve("context.tar");
        Process process = new ProcessBuilder("tar", "-cf", tar.toString(), "-C", context.toString(), ".")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("tar failed: " + output);
        }
        return tar;
    }

    /** Uploads a ticking context to the app; answers the build's path (without /api/v1). */
    static String upload(Api api, String tenant, String app, int count, long everyMs) throws Exception {
        Answer upload = api.post("/tenants/" + tenant + "/apps/" + app + "/builds",
                BodyPublishers.ofFile(context(count, everyMs)), "application/x-tar");
        assertEquals(202, upload.status(), upload.toString());
        return "/tenants/" + tenant + "/apps/" + app + "/builds/" + upload.json().path("id").asText();
    }

    /** The build's log (text/plain) once it holds {@code line}. */
    static List<String> awaitLine(Api api, String build, String line) {
        return await(build + " logs '" + line + "'").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> log(api, build), lines -> lines.contains(line));
    }

    static List<String> log(Api api, String build) {
        Answer log = Api.send(api.request(build + "/log").header("Accept", "text/plain").GET());
        assertEquals(200, log.status(), log.toString());
        return Arrays.stream(log.body().split("\n")).filter(l -> !l.isEmpty()).toList();
    }

    /** The containers the build's RUN steps ran in, as its log names them. */
    static List<String> containers(List<String> log) {
        return log.stream().filter(l -> l.startsWith(" ---> Running in ")).map(l -> l.substring(17).trim()).toList();
    }

    static boolean exists(String container) {
        try {
            DockerEngine.docker("container", "inspect", container);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** A build log's Server-Sent Events, read on their own thread. */
    static final class LogEvents implements AutoCloseable {
        record Message(String id, String event, String data) {
        }

        private final HttpResponse<InputStream> response;
        private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

        LogEvents(Api api, String build, String lastEventId) throws Exception {
            var request = api.request(build + "/log").timeout(Duration.ofMinutes(10))
                    .header("Accept", "text/event-stream").GET();
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = Api.HTTP.send(request.build(), BodyHandlers.ofInputStream());
            Thread reader = new Thread(this::read, "build-log-sse");
            reader.setDaemon(true);
            reader.start();
        }

        int status() {
            return response.statusCode();
        }

        String contentType() {
            return response.headers().firstValue("content-type").orElse("");
        }

        Message next(Duration timeout) throws InterruptedException {
            return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void read() {
            String id = null;
            String event = null;
            String data = null;
            try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (data != null) {
                            messages.add(new Message(id, event == null ? "message" : event, data));
                        }
                        id = null;
                        event = null;
                        data = null;
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        String value = line.substring(line.startsWith("data: ") ? 6 : 5);
                        data = data == null ? value : data + "\n" + value;
                    }
                }
            } catch (IOException closed) {
                // the stream ended or was closed
            }
        }

        @Override
        public void close() throws IOException {
            response.body().close();
        }
    }
}
