package io.cloudunit.e2e;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One HTTP answer, kept whole so that assertion messages can show it. */
record Answer(int status, String contentType, String body) {
    static final ObjectMapper JSON = new ObjectMapper();

    static Answer of(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                response.body());
    }

    JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + this, e);
        }
    }

    boolean isProblem() {
        return contentType.startsWith("application/problem+json") && json().path("detail").isTextual()
                && json().path("status").asInt() == status;
    }

    @Override
    public String toString() {
        return status + " " + contentType + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
    }
}
