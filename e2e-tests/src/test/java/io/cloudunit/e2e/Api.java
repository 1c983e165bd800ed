package io.cloudunit.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;

/** The public API as a user's HTTP client sees it: everything goes through the gateway. */
final class Api {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String bearer;

    private Api(String bearer) {
        this.bearer = bearer;
    }

    static Api as(String user) {
        return new Api(Keycloak.token(user));
    }

    static Api anonymous() {
        return new Api(null);
    }

    static Api withToken(String token) {
        return new Api(token);
    }

    String bearer() {
        return bearer;
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer delete(String path) {
        return send(request(path).DELETE());
    }

    Answer postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)));
    }

    Answer putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(BodyPublishers.ofString(json)));
    }

    Answer postFile(String path, Path file, String contentType) {
        try {
            return post(path, BodyPublishers.ofFile(file), contentType);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Answer post(String path, BodyPublisher body, String contentType) {
        return send(request(path).header("Content-Type", contentType).POST(body));
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(Platform.API + "/api/v1" + path))
                .timeout(Duration.ofMinutes(2));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    static Answer send(HttpRequest.Builder request) {
        try {
            return Answer.of(HTTP.send(request.build(), BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the platform: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
