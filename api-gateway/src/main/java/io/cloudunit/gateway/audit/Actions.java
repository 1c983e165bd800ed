package io.cloudunit.gateway.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The route template of an API call, the "what" of an audit entry: {@code POST /api/v1/tenants/acme/apps/web/builds}
 * is {@code POST /tenants/{t}/apps/{a}/builds}. Public paths alternate a collection and one of its items; an
 * item becomes a placeholder named after its collection, except the fixed verbs of {@code actions}.
 */
final class Actions {
    private static final String PREFIX = "/api/v1";
    private static final Map<String, String> PLACEHOLDERS = Map.of("tenants", "{t}", "apps", "{a}",
            "members", "{user}", "deliveries", "{d}");
    private static final Set<String> LITERAL_ITEMS = Set.of("actions");

    private Actions() {
    }

    static String of(String method, String path) {
        String rest = path.startsWith(PREFIX + "/") ? path.substring(PREFIX.length() + 1) : path;
        List<String> segments = new ArrayList<>(Arrays.asList(rest.split("/")));
        segments.removeIf(String::isEmpty);
        StringBuilder template = new StringBuilder(method);
        template.append(' ');
        for (int i = 0; i < segments.size(); i++) {
            String collection = i > 0 ? segments.get(i - 1) : "";
            boolean item = i % 2 == 1 && !LITERAL_ITEMS.contains(collection);
            template.append('/').append(item ? PLACEHOLDERS.getOrDefault(collection, "{id}") : segments.get(i));
        }
        return template.toString();
    }
}
