package io.cloudunit.build.support;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Runs an image as the platform would (hardened, port on 127.0.0.1 only), to see it answer. */
public final class Serving {
    private Serving() {
    }

    /** The response to {@code GET path} once it is 200; the container is removed whatever happens. */
    public static HttpResponse<String> get(String image, String tenant, String path) {
        String container = DockerCli.run("run", "-d", "--label", DockerCli.TEST_LABEL,
                "--label", "io.cloudunit.tenant=" + tenant, "--cap-drop", "ALL",
                "--security-opt", "no-new-privileges", "--memory", "256m", "-p", "127.0.0.1::8080", image);
        try {
            String address = DockerCli.run("port", container, "8080/tcp").lines().findFirst().orElseThrow();
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + path))
                    .timeout(Duration.ofSeconds(2)).build();
            return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> http.send(request, HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == 200);
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + "; container log: " + DockerCli.run("logs", container), e);
        } finally {
            DockerCli.run("rm", "-f", container);
        }
    }
}
