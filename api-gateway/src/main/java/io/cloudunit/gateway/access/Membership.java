package io.cloudunit.gateway.access;

import java.util.Map;
import java.util.Optional;

/** Who the caller is in every tenant, as tenant-service answers {@code GET /api/v1/me}. */
public record Membership(String userId, String username, boolean platformAdmin, Map<String, Role> tenants) {

    public Optional<Role> roleIn(String tenant) {
        return Optional.ofNullable(tenants.get(tenant));
    }

    public boolean isMemberOf(String tenant) {
        return tenants.containsKey(tenant);
    }
}
