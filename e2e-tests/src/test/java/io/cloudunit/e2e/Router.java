package io.cloudunit.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** App traffic, addressed the way a browser would: by host name, on the router's port. */
final class Router {
    private Router() {
    }

    static Answer get(String app, String tenant, String path) {
        return Api.send(HttpRequest.newBuilder(URI.create(Platform.ROUTER + path))
                .header("Host", Platform.appHost(app, tenant))
                .timeout(Duration.ofSeconds(10))
                .GET());
    }
}
