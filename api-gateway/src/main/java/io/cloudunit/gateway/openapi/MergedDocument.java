package io.cloudunit.gateway.openapi;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * One OpenAPI document for the whole public API: the gateway's own, plus every service's paths, schemas,
 * security schemes and tags. A schema name two services use for different shapes is renamed
 * {@code <service>_<name>} in the second one, and its references with it.
 */
final class MergedDocument {
    private static final String SCHEMA_REF = "#/components/schemas/";
    private static final String PUBLIC_PATHS = "/api/";

    private MergedDocument() {
    }

    static ObjectNode of(JsonNode gateway, Map<String, JsonNode> services, String title, String version) {
        ObjectNode merged = gateway.deepCopy();
        ObjectNode info = merged.withObject("/info");
        info.put("title", title);
        info.put("version", version);
        services.forEach((service, document) -> add(merged, service, document.deepCopy()));
        return merged;
    }

    private static void add(ObjectNode merged, String service, JsonNode document) {
        ObjectNode schemas = merged.withObject("/components").withObject("/schemas");
        Map<String, String> renames = new HashMap<>();
        document.path("components").path("schemas").fields().forEachRemaining(schema -> {
            JsonNode existing = schemas.get(schema.getKey());
            if (existing != null && !existing.equals(schema.getValue())) {
                renames.put(schema.getKey(), service + "_" + schema.getKey());
            }
        });
        rewriteReferences(document, renames);
        document.path("components").path("schemas").fields().forEachRemaining(schema -> schemas.set(
                renames.getOrDefault(schema.getKey(), schema.getKey()), schema.getValue()));
        document.path("components").path("securitySchemes").fields().forEachRemaining(scheme ->
                merged.withObject("/components").withObject("/securitySchemes").set(scheme.getKey(), scheme.getValue()));
        document.path("paths").fields().forEachRemaining(path -> {
            if (path.getKey().startsWith(PUBLIC_PATHS)) { // not a service's internal endpoints
                merged.withObject("/paths").set(path.getKey(), path.getValue());
            }
        });
        addTags(merged, document.path("tags"));
    }

    private static void addTags(ObjectNode merged, JsonNode tags) {
        ArrayNode all = merged.withArray("/tags");
        Set<String> known = new HashSet<>();
        all.forEach(tag -> known.add(tag.path("name").asText()));
        tags.forEach(tag -> {
            if (known.add(tag.path("name").asText())) {
                all.add(tag);
            }
        });
    }

    private static void rewriteReferences(JsonNode node, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String text = field.getValue().asText();
                if ("$ref".equals(field.getKey()) && text.startsWith(SCHEMA_REF)
                        && renames.containsKey(text.substring(SCHEMA_REF.length()))) {
                    field.setValue(TextNode.valueOf(SCHEMA_REF + renames.get(text.substring(SCHEMA_REF.length()))));
                } else {
                    rewriteReferences(field.getValue(), renames);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> rewriteReferences(element, renames));
        }
    }
}
