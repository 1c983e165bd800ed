package io.cloudunit.tenant.token;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The real Keycloak, seen as a CI job (client credentials grant) and through tenant-service's own admin access. */
final class KeycloakClients {
    static final String TOKEN_URL = "http://localhost:8180/realms/cloudunit/protocol/openid-connect/token";
    private static final String CLIENTS_URL = "http://localhost:8180/admin/realms/cloudunit/clients";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private KeycloakClients() {
    }

    /** The answer of Keycloak to a client credentials grant: status and body. */
    record Grant(int status, JsonNode body) {
        String accessToken() {
            if (status != 200) {
                throw new AssertionError("Keycloak refused the client credentials grant: " + status + " " + body);
            }
            return body.get("access_token").asText();
        }
    }

    static Grant grant(String clientId, String secret) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(TOKEN_URL))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + encode(clientId)
                        + "&client_secret=" + encode(secret))).build());
        return new Grant(response.statusCode(), parse(response.body()));
    }

    static JsonNode claims(String jwt) {
        return parse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /** How many clients exist whose clientId starts with {@code prefix} (tenant-service's own view of them). */
    static int clientsStartingWith(String prefix) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(CLIENTS_URL + "?search=true&clientId="
                + encode(prefix))).header("Authorization", "Bearer " + serviceToken()).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("Keycloak refused to list clients: " + response.statusCode() + " " + response.body());
        }
        int count = 0;
        for (JsonNode client : parse(response.body())) {
            if (client.get("clientId").asText().startsWith(prefix)) {
                count++;
            }
        }
        return count;
    }

    private static String serviceToken() {
        return grant("cloudunit-tenant-service", "cloudunit-tenant-service-dev-secret").accessToken();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is not reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(json, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
