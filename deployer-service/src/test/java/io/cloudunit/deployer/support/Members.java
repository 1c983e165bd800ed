package io.cloudunit.deployer.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.eclipse.microprofile.config.ConfigProvider;

/** The test's side of {@link TenantServiceStub}: who is a member of which tenant, in which role. */
public final class Members {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Members() {
    }

    /** Makes {@code username} a member of {@code tenant} with {@code role} (or changes their role). */
    public static void add(String tenant, String username, String role) {
        URI url = URI.create(ConfigProvider.getConfig().getValue(TenantServiceStub.URL_PROPERTY, String.class)
                + "/_stub/members/" + tenant + "/" + username + "?role=" + role);
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url)
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("stub answered " + response.statusCode());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
