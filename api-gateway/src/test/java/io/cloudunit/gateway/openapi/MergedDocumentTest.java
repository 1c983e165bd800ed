package io.cloudunit.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cloudunit.platform.events.EventJson;

class MergedDocumentTest {

    @Test
    void schemasThatClashAreRenamedWithTheirReferencesAndEqualOnesAreShared() {
        JsonNode gateway = json("""
                {"openapi": "3.1.0", "info": {"title": "gw"}, "paths": {"/api/v1/x": {}},
                 "components": {"schemas": {"View": {"type": "string"}, "Problem": {"type": "object"}}},
                 "tags": [{"name": "events"}]}""");
        JsonNode builds = json("""
                {"paths": {"/api/v1/b": {"get": {"responses": {"200": {"content": {"application/json":
                   {"schema": {"$ref": "#/components/schemas/View"}}}}}}},
                  "/internal/secret": {"get": {}}},
                 "components": {"schemas": {"View": {"type": "integer"}, "Problem": {"type": "object"}}},
                 "tags": [{"name": "events"}, {"name": "builds"}]}""");
        Map<String, JsonNode> services = new LinkedHashMap<>();
        services.put("build-service", builds);

        ObjectNode merged = MergedDocument.of(gateway, services, "CloudUnit API", "v1");

        assertEquals("CloudUnit API", merged.at("/info/title").asText());
        assertEquals("string", merged.at("/components/schemas/View/type").asText());
        assertEquals("integer", merged.at("/components/schemas/build-service_View/type").asText());
        assertEquals("#/components/schemas/build-service_View",
                merged.at("/paths/~1api~1v1~1b/get/responses/200/content/application~1json/schema/$ref").asText());
        assertEquals(2, merged.at("/components/schemas").size() - 1, "Problem is shared, View is split");
        assertFalse(merged.path("paths").has("/internal/secret"));
        assertEquals(2, merged.path("tags").size());
        assertEquals("gw", gateway.at("/info/title").asText(), "the inputs are left as they were");
    }

    private static JsonNode json(String text) {
        return EventJson.read(text, JsonNode.class);
    }
}
