package io.cloudunit.gateway.openapi;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudunit.gateway.GatewayConfig;
import io.cloudunit.gateway.proxy.ApiRoutes;
import io.cloudunit.gateway.proxy.Upstream;
import io.cloudunit.platform.events.EventJson;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;

/**
 * The OpenAPI documents of the services behind the gateway, fetched at startup and refreshed on a timer:
 * the source of the merged public document and of each route's least role. A service that cannot be reached
 * keeps its last document (or none yet); listeners hear about every document that changed.
 */
@ApplicationScoped
public class ServiceDocuments {
    private static final Logger LOG = Logger.getLogger(ServiceDocuments.class);
    static final String PATH = "/q/openapi?format=json";

    private final Vertx vertx;
    private final List<Upstream> upstreams;
    private final long refreshMillis;
    private final HttpClient client;
    private final Map<String, JsonNode> documents = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long timerId = -1;

    public ServiceDocuments(Vertx vertx, ApiRoutes routes, GatewayConfig config) {
        this.vertx = vertx;
        this.upstreams = routes.upstreams();
        this.refreshMillis = config.openapiRefresh().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis()));
    }

    void start(@Observes StartupEvent started) {
        refresh();
        timerId = vertx.setPeriodic(refreshMillis, id -> refresh());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** The latest document of each service that answered, by service name. */
    public Map<String, JsonNode> byService() {
        return Map.copyOf(documents);
    }

    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Fetches every service's document again; the returned future completes when all were tried. */
    public Future<Void> refresh() {
        List<Future<Void>> fetches = upstreams.stream().map(this::fetch).toList();
        return Future.join(fetches).mapEmpty();
    }

    /** One document, as JSON, from {@code options}' host (a service, or the gateway itself). */
    Future<JsonNode> get(io.vertx.core.http.RequestOptions options) {
        return client.request(options.setMethod(HttpMethod.GET))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("answered " + response.statusCode()))
                .map(ServiceDocuments::json);
    }

    private Future<Void> fetch(Upstream upstream) {
        return get(upstream.requestOptions().setURI(PATH))
                .onSuccess(document -> {
                    if (!document.equals(documents.put(upstream.name(), document))) {
                        listeners.forEach(Runnable::run);
                    }
                })
                .onFailure(failure -> LOG.debugf("no OpenAPI document from %s yet: %s", upstream.name(),
                        failure.toString()))
                .<Void> mapEmpty()
                .otherwiseEmpty();
    }

    private static JsonNode json(Buffer body) {
        try {
            return EventJson.mapper().readTree(body.getBytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON OpenAPI document: " + e.getMessage(), e);
        }
    }
}
