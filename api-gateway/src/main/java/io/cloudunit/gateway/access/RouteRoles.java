package io.cloudunit.gateway.access;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudunit.gateway.audit.AuditResource;
import io.cloudunit.gateway.events.EventResource;
import io.cloudunit.gateway.openapi.ServiceDocuments;
import io.cloudunit.platform.api.RequiredRole;
import io.vertx.core.http.HttpMethod;

/**
 * The least role of each tenant route as the service that owns it declares it beside the endpoint (OpenAPI
 * extension {@value RequiredRole#EXTENSION}): read from the services' documents, and from the annotations of
 * the gateway's own resources. A route no document names yet (its service was not reachable) has no rule
 * here; the caller then falls back to {@link RoleRule}.
 */
@ApplicationScoped
public class RouteRoles {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern VARIABLE = Pattern.compile("\\{[^/}]+}");

    /** One operation: its method, its path template as a pattern, its least role. */
    record Rule(HttpMethod method, Pattern path, Role role) {
    }

    private final List<Rule> local;
    private final ServiceDocuments documents;
    private volatile List<Rule> rules;

    @Inject
    public RouteRoles(ServiceDocuments documents) {
        this.documents = documents;
        this.local = ResourceRoles.of(EventResource.class, AuditResource.class).stream()
                .map(route -> rule(route.method(), route.path(), route.role()))
                .flatMap(Optional::stream)
                .toList();
        rebuild();
        documents.onChange(this::rebuild);
    }

    public Optional<Role> required(HttpMethod method, String path) {
        String normalized = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return rules.stream()
                .filter(rule -> rule.method().equals(method) && rule.path().matcher(normalized).matches())
                .map(Rule::role)
                .findFirst();
    }

    private void rebuild() {
        List<Rule> all = new ArrayList<>(local);
        documents.byService().values().forEach(document -> all.addAll(fromDocument(document)));
        rules = List.copyOf(all);
    }

    /** The rules an OpenAPI document (JSON) declares. */
    static List<Rule> fromDocument(JsonNode document) {
        List<Rule> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                String role = operation.path(RequiredRole.EXTENSION).asText(null);
                rule(method.toUpperCase(Locale.ROOT), path.getKey(), role).ifPresent(found::add);
            }
        }
        return found;
    }

    private static Optional<Rule> rule(String method, String template, String role) {
        return Optional.ofNullable(role).flatMap(Role::of)
                .map(known -> new Rule(HttpMethod.valueOf(method), pattern(template), known));
    }

    /** {@code /api/v1/tenants/{tenant}/apps} → a pattern where each variable matches one path segment. */
    static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher variable = VARIABLE.matcher(template);
        int last = 0;
        while (variable.find()) {
            regex.append(Pattern.quote(template.substring(last, variable.start()))).append("[^/]+");
            last = variable.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
