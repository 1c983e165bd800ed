package io.cloudunit.deployer.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Sets the config vars the tenant-service stub hands the deployer for an app (its internal config endpoint). */
public final class Configs {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Configs() {
    }

    public static void set(String tenant, String app, Map<String, String> vars) {
        URI url = URI.create(ConfigProvider.getConfig().getValue(TenantServiceStub.URL_PROPERTY, String.class)
                + "/_stub/config/" + tenant + "/" + app);
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url)
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("vars", vars)))).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("stub answered " + response.statusCode());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
