package io.cloudunit.deployer.access;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** tenant-service's answer to {@code GET /api/v1/me}: the caller and the tenants they belong to. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallerTenants(String id, String username, List<Membership> tenants) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Membership(String tenant, String role) {
    }

    /** The caller's role in {@code tenant}, empty when they are not a member (or the role is unknown here). */
    Optional<TenantRole> roleIn(String tenant) {
        return tenants == null ? Optional.empty()
                : tenants.stream().filter(m -> tenant.equals(m.tenant())).findFirst()
                        .flatMap(m -> TenantRole.of(m.role()));
    }
}
