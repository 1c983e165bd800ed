package io.cloudunit.gateway.access;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;

import io.cloudunit.platform.api.RequiredRole;

/** The least role of each endpoint of a JAX-RS resource of the gateway, read from its annotations. */
final class ResourceRoles {

    /** One endpoint: HTTP method, full path template, declared role label. */
    record Route(String method, String path, String role) {
    }

    private ResourceRoles() {
    }

    static List<Route> of(Class<?>... resources) {
        List<Route> routes = new ArrayList<>();
        for (Class<?> resource : resources) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                Optional<String> verb = verb(method);
                Optional<String> role = role(method);
                if (verb.isPresent() && role.isPresent()) {
                    routes.add(new Route(verb.get(), join(base, method.getAnnotation(Path.class)), role.get()));
                }
            }
        }
        return routes;
    }

    private static Optional<String> verb(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(Annotation::annotationType)
                .map(type -> type.getAnnotation(HttpMethod.class))
                .filter(java.util.Objects::nonNull)
                .map(HttpMethod::value)
                .findFirst();
    }

    private static Optional<String> role(Method method) {
        return Arrays.stream(method.getAnnotationsByType(Extension.class))
                .filter(extension -> RequiredRole.EXTENSION.equals(extension.name()))
                .map(Extension::value)
                .findFirst();
    }

    private static String join(String base, Path sub) {
        if (sub == null) {
            return base;
        }
        String child = sub.value().startsWith("/") ? sub.value() : "/" + sub.value();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + child;
    }
}
