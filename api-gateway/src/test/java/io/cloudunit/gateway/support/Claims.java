package io.cloudunit.gateway.support;

import java.io.IOException;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads claims of a real token (no verification: the test only needs the caller's sub). */
public final class Claims {

    private Claims() {
    }

    public static String subjectOf(String user) {
        try {
            String payload = Tokens.of(user).split("\\.")[1];
            JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(payload));
            return claims.path("sub").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
