package io.cloudunit.build.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Real access tokens from the realm's public CLI client (password grant of the development users). */
public final class Tokens {
    private static final String TOKEN_URL = "http://localhost:8180/realms/cloudunit/protocol/openid-connect/token";
    private static final long REFRESH_MILLIS = 60_000;
    private static final Map<String, Token> CACHE = new ConcurrentHashMap<>();

    private record Token(String value, long fetchedAt) {
    }

    private Tokens() {
    }

    /** A bearer token of {@code user} (password = user name), fetched again after a minute. */
    public static String of(String user) {
        return CACHE.compute(user, (name, token) -> token != null
                && System.currentTimeMillis() - token.fetchedAt() < REFRESH_MILLIS ? token
                        : new Token(fetch(name), System.currentTimeMillis())).value();
    }

    public static String bearer(String user) {
        return "Bearer " + of(user);
    }

    private static String fetch(String user) {
        String form = "grant_type=password&client_id=cloudunit-cli&username=" + user + "&password=" + user;
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TOKEN_URL))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused " + user + ": " + response.body());
            }
            return new ObjectMapper().readTree(response.body()).path("access_token").asText();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Keycloak is not reachable at " + TOKEN_URL, e);
        }
    }
}
