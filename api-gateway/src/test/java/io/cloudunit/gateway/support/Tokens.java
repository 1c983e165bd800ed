package io.cloudunit.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Real Keycloak access tokens (password grant of the public cloudunit-cli client), one per user per run. */
public final class Tokens {
    private static final String TOKEN_URL = "http://localhost:8180/realms/cloudunit/protocol/openid-connect/token";
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Tokens() {
    }

    /** A token of {@code user} (its password is its name in the development realm). */
    public static String of(String user) {
        return TOKENS.computeIfAbsent(user, Tokens::fetch);
    }

    public static String bearer(String user) {
        return "Bearer " + of(user);
    }

    private static String fetch(String user) {
        String form = "grant_type=password&client_id=cloudunit-cli&username=" + user + "&password=" + user;
        HttpRequest request = HttpRequest.newBuilder(URI.create(TOKEN_URL))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + user + ": " + response.body());
            }
            return new ObjectMapper().readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
