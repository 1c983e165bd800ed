package io.cloudunit.gateway.access;

import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.gateway.GatewayConfig;
import io.cloudunit.gateway.proxy.ApiRoutes;
import io.cloudunit.gateway.proxy.Upstream;
import io.cloudunit.platform.problem.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Asks tenant-service who the caller is ({@code GET /api/v1/me}), with the caller's own token. */
@ApplicationScoped
public class MembershipClient {
    private static final Logger LOG = Logger.getLogger(MembershipClient.class);
    private static final long ANSWER_TIMEOUT_MS = 5_000;

    private final HttpClient client;
    private final Upstream tenantService;

    public MembershipClient(Vertx vertx, GatewayConfig config, ApiRoutes routes) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true));
        this.tenantService = routes.tenantService();
    }

    public Future<Membership> me(String authorization) {
        RequestOptions options = tenantService.requestOptions()
                .setMethod(HttpMethod.GET)
                .setURI("/api/v1/me")
                .setIdleTimeout(ANSWER_TIMEOUT_MS)
                .putHeader(HttpHeaders.AUTHORIZATION, authorization)
                .putHeader(HttpHeaders.ACCEPT, "application/json");
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> read(response, body)))
                .recover(MembershipClient::unavailable);
    }

    private static Membership read(HttpClientResponse response, Buffer body) {
        if (response.statusCode() == 401) {
            throw new ProblemException(401, AccessHandler.UNAUTHENTICATED);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("tenant-service answered /api/v1/me with " + response.statusCode());
        }
        JsonObject me = body.toJsonObject();
        Map<String, Role> tenants = new HashMap<>();
        JsonArray memberships = me.getJsonArray("tenants", new JsonArray());
        for (int i = 0; i < memberships.size(); i++) {
            JsonObject membership = memberships.getJsonObject(i);
            Role.ofMember(membership.getString("role")).ifPresent(role -> tenants.put(membership.getString("tenant"), role));
        }
        return new Membership(me.getString("id"), me.getString("username"), me.getBoolean("platformAdmin", false),
                Map.copyOf(tenants));
    }

    private static Future<Membership> unavailable(Throwable failure) {
        if (failure instanceof ProblemException) {
            return Future.failedFuture(failure);
        }
        LOG.warnf("cannot read memberships from tenant-service: %s", failure.toString());
        return Future.failedFuture(new ProblemException(503, "tenant-service is unavailable; retry shortly"));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
