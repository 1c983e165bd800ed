package io.cloudunit.deployer.support;

import static io.restassured.RestAssured.given;

/** Real tokens from the devstack Keycloak (password grant of the public CLI client). */
public final class Tokens {
    private static final String TOKEN_URL = "http://localhost:8180/realms/cloudunit/protocol/openid-connect/token";

    private Tokens() {
    }

    public static String of(String user) {
        return given().formParam("grant_type", "password").formParam("client_id", "cloudunit-cli")
                .formParam("username", user).formParam("password", user)
                .when().post(TOKEN_URL)
                .then().statusCode(200)
                .extract().path("access_token");
    }
}
