package io.cloudunit.gateway.proxy;

import java.util.function.Function;

import io.cloudunit.gateway.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.impl.ContextInternal;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.OriginRequestProvider;

/**
 * The one reverse proxy of the gateway, for the API and for app traffic alike: request and response bodies
 * are piped with back-pressure (never buffered), so uploads of any size and SSE streams pass through.
 */
public final class StreamingProxy {
    private final HttpClient client;

    private StreamingProxy(HttpClient client) {
        this.client = client;
    }

    public static StreamingProxy create(Vertx vertx, GatewayConfig config) {
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setDecompressionSupported(false)
                .setMaxHeaderSize(20 * 1024);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerUpstream());
        return new StreamingProxy(vertx.createHttpClient(options, pool));
    }

    /**
     * Forwards {@code request} to the origin {@code origin} opens; {@code uri} replaces the request's URI when
     * not null. When the origin cannot be reached or fails before answering, {@code onFailure} decides the
     * answer (an {@link OriginUnavailableException} means no connection could be opened).
     */
    public void forward(HttpServerRequest request, OriginRequestProvider origin, String uri,
            Function<Throwable, ErrorAnswer> onFailure) {
        // The whole exchange runs on the event loop of the caller's connection: the origin's stream is then
        // bound to it too. Authentication may hand the request over on another event loop, and two pipes
        // pausing and resuming each other's streams across event loops can lose a resume (Vert.x 4.5's
        // InboundBuffer), which stalls a large upload for good.
        ContextInternal connection = (ContextInternal) ((HttpServerRequestInternal) request).context();
        if (connection.nettyEventLoop().inEventLoop()) {
            start(request, origin, uri, onFailure);
        } else {
            connection.runOnContext(ignored -> start(request, origin, uri, onFailure));
        }
    }

    private void start(HttpServerRequest request, OriginRequestProvider origin, String uri,
            Function<Throwable, ErrorAnswer> onFailure) {
        OriginRequestProvider connecting = context -> origin.create(context)
                .recover(failure -> Future.failedFuture(new OriginUnavailableException(failure)));
        HttpProxy.reverseProxy(client)
                .origin(connecting)
                .addInterceptor(new EdgeInterceptor(uri, onFailure))
                .handle(request);
    }

    public void close() {
        client.close();
    }
}
