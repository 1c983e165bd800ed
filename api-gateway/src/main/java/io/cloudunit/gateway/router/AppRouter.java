package io.cloudunit.gateway.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.cloudunit.gateway.GatewayConfig;
import io.cloudunit.gateway.proxy.ErrorAnswer;
import io.cloudunit.gateway.proxy.StreamingProxy;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * The app router: a second HTTP server that serves {@code <app>-<tenant>.<apps-domain>} by streaming each
 * request to one of the app's healthy instances (round robin; on a connection error, the next one once).
 * Apps are public: the router never authenticates.
 */
@ApplicationScoped
public class AppRouter {
    private static final Logger LOG = Logger.getLogger(AppRouter.class);
    private static final String HTML = "text/html; charset=utf-8";
    private static final int RANDOM_SHARED_PORT = -8081;

    private final Vertx vertx;
    private final RouteTable table;
    private final GatewayConfig config;
    private final String domainSuffix;
    private final List<HttpServer> servers = new ArrayList<>();
    private StreamingProxy proxy;
    private volatile int port;

    public AppRouter(Vertx vertx, RouteTable table, GatewayConfig config) {
        this.vertx = vertx;
        this.table = table;
        this.config = config;
        this.domainSuffix = "." + config.appsDomain().toLowerCase(Locale.ROOT);
    }

    void start(@Observes StartupEvent startup) throws Exception {
        proxy = StreamingProxy.create(vertx, config);
        // One server per core, all on one port (Vert.x balances connections between their event loops).
        // A negative port asks Vert.x for one random port shared by every server asking with that number
        // (Quarkus's own random test port is -1: sharing it would mix API and app traffic).
        int requested = config.routerPort() == 0 ? RANDOM_SHARED_PORT : config.routerPort();
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < instances; i++) {
            port = listen(requested);
        }
        LOG.infof("app router listening on http://%s:%d for *%s", config.routerHost(), port, domainSuffix);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        servers.forEach(HttpServer::close);
        if (proxy != null) {
            proxy.close();
        }
    }

    /** The port the router actually listens on. */
    public int port() {
        return port;
    }

    private int listen(int requestedPort) throws Exception {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                .setHost(config.routerHost())
                .setPort(requestedPort)
                .setMaxHeaderSize(20 * 1024))
                .requestHandler(this::route);
        servers.add(server);
        return server.listen().toCompletionStage().toCompletableFuture().get().actualPort();
    }

    void route(HttpServerRequest request) {
        String host = host(request);
        Optional<AppRoute> route = label(host).flatMap(table::find);
        if (route.isEmpty()) {
            answer(request, 404, RouterPages.noApp(host, config.appsDomain()), 0);
            return;
        }
        if (table.isSuspended(route.get().tenant())) {
            answer(request, 503, RouterPages.suspended(route.get()), 0);
            return;
        }
        List<SocketAddress> instances = route.get().rotation();
        if (instances.isEmpty()) {
            switch (route.get().state()) {
                case STOPPED -> answer(request, 503, RouterPages.stopped(route.get()), 0);
                case CRASHED -> answer(request, 503, RouterPages.crashed(route.get()), 0);
                default -> answer(request, 503, RouterPages.noInstance(route.get()), 5);
            }
            return;
        }
        proxy.forward(request, context -> connect(context.client(), instances), null,
                failure -> new ErrorAnswer(502, HTML, Buffer.buffer(RouterPages.notAnswering(route.get())), 5));
    }

    /** The instance whose turn it is; if it refuses the connection, the next one, once. */
    private static Future<HttpClientRequest> connect(HttpClient client, List<SocketAddress> instances) {
        Future<HttpClientRequest> first = client.request(new RequestOptions().setServer(instances.get(0)));
        return instances.size() < 2 ? first
                : first.recover(failure -> client.request(new RequestOptions().setServer(instances.get(1))));
    }

    private Optional<String> label(String host) {
        if (!host.endsWith(domainSuffix)) {
            return Optional.empty();
        }
        String label = host.substring(0, host.length() - domainSuffix.length());
        return label.isEmpty() || label.contains(".") ? Optional.empty() : Optional.of(label);
    }

    private static String host(HttpServerRequest request) {
        String host = request.authority() != null ? request.authority().host() : "";
        return host.toLowerCase(Locale.ROOT);
    }

    private static void answer(HttpServerRequest request, int status, String html, int retryAfterSeconds) {
        request.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, HTML)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (retryAfterSeconds > 0) {
            request.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        }
        request.response().end(html);
    }
}
