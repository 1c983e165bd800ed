package io.cloudunit.gateway.proxy;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * What the edge adds to every forwarded exchange: a request id, X-Forwarded-* headers, the original Host,
 * no hop-by-hop headers in either direction, and its own answer when the origin fails.
 */
final class EdgeInterceptor implements ProxyInterceptor {
    static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern ACCEPTABLE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "proxy-connection");

    private final String uri;
    private final Function<Throwable, ErrorAnswer> onFailure;
    private String requestId;

    EdgeInterceptor(String uri, Function<Throwable, ErrorAnswer> onFailure) {
        this.uri = uri;
        this.onFailure = onFailure;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        HttpServerRequest incoming = request.proxiedRequest();
        requestId = requestId(incoming);
        MultiMap headers = request.headers();
        removeHopByHop(headers);
        // The gateway itself approves the body (authorization already passed), the origin need not.
        if ("100-continue".equalsIgnoreCase(headers.get(HttpHeaders.EXPECT))) {
            headers.remove(HttpHeaders.EXPECT);
            incoming.response().writeContinue();
        }
        headers.set(REQUEST_ID, requestId);
        addForwarded(incoming, headers);
        if (incoming.authority() != null) {
            request.setAuthority(incoming.authority());
        }
        if (uri != null) {
            request.setURI(uri);
        }
        return context.sendRequest()
                .recover(failure -> Future.succeededFuture(errorResponse(request, failure)));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        ProxyResponse response = context.response();
        removeHopByHop(response.headers());
        response.putHeader(REQUEST_ID, requestId);
        return context.sendResponse();
    }

    private ProxyResponse errorResponse(ProxyRequest request, Throwable failure) {
        ErrorAnswer answer = onFailure.apply(failure);
        ProxyResponse response = request.release().response()
                .setStatusCode(answer.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, answer.contentType())
                .setBody(Body.body(answer.body()));
        if (answer.retryAfterSeconds() > 0) {
            response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(answer.retryAfterSeconds()));
        }
        return response;
    }

    private static String requestId(HttpServerRequest incoming) {
        String given = incoming.getHeader(REQUEST_ID);
        return given != null && ACCEPTABLE_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    /** The edge is the first hop: what a caller claims in X-Forwarded-* is replaced, never trusted. */
    private static void addForwarded(HttpServerRequest incoming, MultiMap headers) {
        headers.set("X-Forwarded-For", incoming.remoteAddress().hostAddress());
        headers.set("X-Forwarded-Proto", incoming.scheme() != null ? incoming.scheme() : "http");
        HostAndPort authority = incoming.authority();
        if (authority != null) {
            headers.set("X-Forwarded-Host", authority.toString());
            int port = authority.port() > 0 ? authority.port() : incoming.localAddress().port();
            headers.set("X-Forwarded-Port", String.valueOf(port));
        } else {
            headers.remove("X-Forwarded-Host");
            headers.set("X-Forwarded-Port", String.valueOf(incoming.localAddress().port()));
        }
    }

    /** RFC 9110 §7.6.1: the Connection header and every header it names concern this hop only. */
    private static void removeHopByHop(MultiMap headers) {
        for (String connection : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String named : connection.split(",")) {
                headers.remove(named.trim());
            }
        }
        HOP_BY_HOP.forEach(headers::remove);
    }
}
