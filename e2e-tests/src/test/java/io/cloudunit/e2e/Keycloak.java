package io.cloudunit.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;

/** Real tokens from the realm's demo users (password grant on the CLI client, development realm only). */
final class Keycloak {
    private Keycloak() {
    }

    static String token(String user) {
        return tokenFor("grant_type=password&client_id=cloudunit-cli&username=" + user + "&password=" + user,
                "cloudunit");
    }

    /** An access token from the realm's token endpoint for this form (grant type, client, credentials). */
    static String tokenFor(String form, String realm) {
        Answer answer = Api.send(HttpRequest.newBuilder(
                URI.create(Platform.KEYCLOAK + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(form)));
        if (answer.status() != 200) {
            throw new IllegalStateException("no token (" + form.replaceAll("(password|secret)=[^&]*", "$1=…")
                    + "): " + answer);
        }
        return answer.json().path("access_token").asText();
    }
}
