package io.cloudunit.gateway;

import io.cloudunit.platform.events.EventJson;
import io.cloudunit.platform.problem.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** problem+json answers written straight on a Vert.x response, for the routes that run before JAX-RS. */
public final class HttpProblems {

    private HttpProblems() {
    }

    public static Buffer body(int status, String detail) {
        return Buffer.buffer(EventJson.write(Problem.of(status, detail)));
    }

    public static void send(HttpServerResponse response, int status, String detail) {
        if (response.ended() || response.headWritten()) {
            return;
        }
        Buffer body = body(status, detail);
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length()))
                .end(body);
    }
}
