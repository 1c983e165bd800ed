package io.cloudunit.tenant.me;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.cloudunit.tenant.access.Role;

/** The caller and their tenants. The gateway authorizes every call with this exact shape: keep it. */
public record MeView(String id, String username, boolean platformAdmin, List<Membership> tenants) {

    /**
     * {@code status} is the tenant's: {@code active} or {@code deleting}. {@code suspended}: a platform admin
     * suspended the tenant (ADR 14); its details are on GET /tenants/{t}.
     */
    public record Membership(String tenant, Role role, String status,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean suspended) {
    }
}
