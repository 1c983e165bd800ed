package io.cloudunit.tenant;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Real access tokens from the development Keycloak, by password grant of the public CLI client. */
public final class Tokens {
    private static final String TOKEN_URL = "http://localhost:8180/realms/cloudunit/protocol/openid-connect/token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String USERS_URL = "http://localhost:8180/admin/realms/cloudunit/users?exact=true"
            + "&username=alice";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    private static Boolean serviceAccountMaySearch;

    private Tokens() {
    }

    /** An access token of {@code user} (whose password is the user name in the development realm). */
    public static String of(String user) {
        return CACHE.computeIfAbsent(user, Tokens::fetch);
    }

    /** The {@code sub} of {@code user}'s token. */
    public static String subjectOf(String user) {
        String payload = of(user).split("\\.")[1];
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(payload)).get("sub").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether tenant-service's own client gets a token that Keycloak's admin API accepts for a user search
     * (its service account needs realm-management view-users and query-users in the token; ADR 0009).
     */
    public static synchronized boolean serviceAccountMaySearchUsers() {
        if (serviceAccountMaySearch == null) {
            serviceAccountMaySearch = trySearch();
        }
        return serviceAccountMaySearch;
    }

    private static boolean trySearch() {
        String form = "grant_type=client_credentials&client_id=cloudunit-tenant-service"
                + "&client_secret=cloudunit-tenant-service-dev-secret";
        try {
            HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(TOKEN_URL))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (token.statusCode() != 200) {
                return false;
            }
            String accessToken = JSON.readTree(token.body()).get("access_token").asText();
            HttpResponse<String> search = HTTP.send(HttpRequest.newBuilder(URI.create(USERS_URL))
                    .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
            return search.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String fetch(String user) {
        String form = "grant_type=password&client_id=cloudunit-cli&username=" + encode(user) + "&password="
                + encode(user);
        HttpRequest request = HttpRequest.newBuilder(URI.create(TOKEN_URL))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !body.has("access_token")) {
                throw new IllegalStateException("Keycloak refused a token for " + user + ": " + response.body());
            }
            return body.get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is not reachable at " + TOKEN_URL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
