package io.cloudunit.gateway.router;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.cloudunit.gateway.GatewayConfig;
import io.cloudunit.gateway.proxy.ApiRoutes;
import io.cloudunit.gateway.proxy.Upstream;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Fills the route table from the deployer's snapshot ({@code GET /internal/routes}) at startup, retrying
 * with a growing delay until the deployer answers. Startup never waits for it: until then, apps answer 404.
 */
@ApplicationScoped
public class RouteSnapshot {
    private static final Logger LOG = Logger.getLogger(RouteSnapshot.class);
    private static final long FIRST_DELAY_MS = 250;

    private final Vertx vertx;
    private final RouteTable table;
    private final Upstream deployer;
    private final long maxDelayMs;
    private final HttpClient client;
    private final AtomicBoolean loaded = new AtomicBoolean();
    private volatile boolean stopped;

    public RouteSnapshot(Vertx vertx, RouteTable table, ApiRoutes routes, GatewayConfig config) {
        this.vertx = vertx;
        this.table = table;
        this.deployer = routes.deployerService();
        this.maxDelayMs = config.routeSnapshotMaxBackoff().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis()));
    }

    void start(@Observes StartupEvent startup) {
        attempt(FIRST_DELAY_MS);
    }

    public boolean loaded() {
        return loaded.get();
    }

    private void attempt(long nextDelayMs) {
        if (stopped) {
            return;
        }
        fetch().onSuccess(snapshot -> {
            table.load(snapshot);
            loaded.set(true);
            LOG.infof("route table loaded from %s: %d apps", deployer.name(), snapshot.size());
        }).onFailure(failure -> {
            LOG.infof("route snapshot not available yet from %s (%s); retrying in %d ms", deployer.name(),
                    failure.getMessage(), nextDelayMs);
            vertx.setTimer(nextDelayMs, id -> attempt(Math.min(nextDelayMs * 2, maxDelayMs)));
        });
    }

    private Future<List<RouteTable.AppInstances>> fetch() {
        return client.request(deployer.requestOptions().setMethod(HttpMethod.GET).setURI("/internal/routes")
                .setIdleTimeout(10_000).putHeader("Accept", "application/json"))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("answered " + response.statusCode()))
                .map(RouteSnapshot::parse);
    }

    static List<RouteTable.AppInstances> parse(Buffer body) {
        JsonArray apps = body.toJsonArray();
        List<RouteTable.AppInstances> snapshot = new ArrayList<>();
        for (int i = 0; i < apps.size(); i++) {
            JsonObject app = apps.getJsonObject(i);
            JsonArray instances = app.getJsonArray("instances", new JsonArray());
            List<RouteTable.Instance> parsed = new ArrayList<>();
            for (int j = 0; j < instances.size(); j++) {
                JsonObject instance = instances.getJsonObject(j);
                parsed.add(new RouteTable.Instance(instance.getString("instance"),
                        instance.getInteger("version", 0), instance.getString("address"),
                        instance.getBoolean("healthy", false)));
            }
            snapshot.add(new RouteTable.AppInstances(app.getString("tenant"), app.getString("app"), parsed,
                    app.getString("state", "running")));
        }
        return snapshot;
    }

    @PreDestroy
    void stop() {
        stopped = true;
        client.close();
    }
}
