package io.cloudunit.tenant.me;

import java.util.List;

import io.cloudunit.tenant.access.Role;

/** The caller and their tenants. The gateway authorizes every call with this exact shape: keep it. */
public record MeView(String id, String username, boolean platformAdmin, List<Membership> tenants) {

    /** {@code status} is the tenant's: {@code active} or {@code deleting}. */
    public record Membership(String tenant, Role role, String status) {
    }
}
