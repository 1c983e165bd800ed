package io.cloudunit.gateway.audit;

import java.util.UUID;
import java.util.regex.Pattern;

import io.vertx.ext.web.RoutingContext;

/**
 * The request id of an {@code /api} call: the caller's {@code X-Request-Id} when it is a plain token, else a
 * new UUID. It is set on the incoming request, which the proxy forwards (the proxy keeps an acceptable id as
 * it is: the same rule as {@code proxy.EdgeInterceptor}), and on the answer, whoever writes it: the id the
 * caller gets back, the one the service saw and the one audited are one.
 */
final class RequestIds {
    static final String HEADER = "X-Request-Id";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    static String assign(RoutingContext ctx) {
        String given = ctx.request().getHeader(HEADER);
        String id = given != null && ACCEPTABLE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.request().headers().set(HEADER, id);
        // set(), just before the head is written: the proxy adds the service's headers to the answer.
        ctx.addHeadersEndHandler(ignored -> ctx.response().headers().set(HEADER, id));
        return id;
    }
}
