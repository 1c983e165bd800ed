package io.cloudunit.gateway.proxy;

import java.net.URI;

import io.vertx.core.http.RequestOptions;

/** A service the gateway forwards to, by its name (used in error details) and base URL. */
public record Upstream(String name, URI url) {

    public RequestOptions requestOptions() {
        boolean ssl = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
        return new RequestOptions().setHost(url.getHost()).setPort(port).setSsl(ssl);
    }
}
