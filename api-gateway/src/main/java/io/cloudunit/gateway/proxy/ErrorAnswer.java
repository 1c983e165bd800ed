package io.cloudunit.gateway.proxy;

import io.vertx.core.buffer.Buffer;

/** What the proxy answers itself when the origin cannot be reached or breaks before answering. */
public record ErrorAnswer(int status, String contentType, Buffer body, int retryAfterSeconds) {
}
