package io.cloudunit.build.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

/** The test's side of {@link TenantServiceStub}. */
public final class Stub {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Stub() {
    }

    /** Makes {@code tenant/app} exist at the stub, visible to {@code member} only. */
    public static void app(String tenant, String app, String stack, String member) {
        send(HttpRequest.newBuilder(url("/_stub/apps/" + tenant + "/" + app + "?stack=" + stack + "&member=" + member))
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Same, for an app pinned to {@code javaVersion} (17 or 25). */
    public static void app(String tenant, String app, String stack, String member, int javaVersion) {
        send(HttpRequest.newBuilder(url("/_stub/apps/" + tenant + "/" + app + "?stack=" + stack + "&member=" + member
                + "&java=" + javaVersion)).PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Every Authorization header the stub received on app lookups. */
    public static List<String> authorizations() {
        return send(HttpRequest.newBuilder(url("/_stub/authorizations")).GET().build()).lines().toList();
    }

    private static URI url(String path) {
        return URI.create(ConfigProvider.getConfig().getValue("cloudunit.build.tenant-service-url", String.class) + path);
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("stub answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
