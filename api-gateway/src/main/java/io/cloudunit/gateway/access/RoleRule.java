package io.cloudunit.gateway.access;

import io.cloudunit.gateway.proxy.ApiPath;
import io.vertx.core.http.HttpMethod;

/**
 * The least role a call on {@code /api/v1/tenants/{t}/...} needs when no service document declares it ({@link
 * RouteRoles}: the service is not reachable yet, or the route does not exist). Owning services check again with their
 * own rules; this edge check keeps calls a role can never make away from them.
 */
public final class RoleRule {

    private RoleRule() {
    }

    public static Role required(HttpMethod method, ApiPath path) {
        String section = path.section().orElse("");
        if ("suspension".equals(section)) {
            return Role.PLATFORM_ADMIN;
        }
        if ("audit".equals(section) || "tokens".equals(section)) {
            return Role.OWNER;
        }
        if (isRead(method)) {
            return Role.VIEWER;
        }
        if (path.isTenantItself() && method == HttpMethod.DELETE || "members".equals(section)) {
            return Role.OWNER;
        }
        return Role.DEVELOPER;
    }

    private static boolean isRead(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }
}
