package io.cloudunit.gateway.openapi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.cloudunit.gateway.HttpProblems;
import io.cloudunit.platform.events.EventJson;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /q/openapi}: the whole public API in one OpenAPI document (JSON), merged from the gateway's own
 * document (served by Quarkus at {@value #OWN_DOCUMENT}) and the services' latest ones. Every tenant
 * operation carries its least role in the {@code x-cloudunit-role} extension.
 */
@ApplicationScoped
public class OpenApiRoute {
    static final String OWN_DOCUMENT = "/q/gateway-openapi?format=json";
    private static final String TITLE = "CloudUnit API";
    private static final String VERSION = "v1";

    private final ServiceDocuments documents;

    public OpenApiRoute(ServiceDocuments documents) {
        this.documents = documents;
    }

    void register(@Observes Router router) {
        router.get("/q/openapi").handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        // The gateway's own document comes from Quarkus's handler, over loopback on the port this call came in on.
        RequestOptions own = new RequestOptions().setHost("127.0.0.1")
                .setPort(ctx.request().localAddress().port()).setURI(OWN_DOCUMENT);
        documents.get(own)
                .map(gateway -> MergedDocument.of(gateway, documents.byService(), TITLE, VERSION))
                .onSuccess(merged -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(EventJson.write(merged)))
                .onFailure(failure -> HttpProblems.send(ctx.response(), 503,
                        "the OpenAPI document cannot be assembled right now (" + failure.getMessage()
                                + "); try again in a moment"));
    }
}
