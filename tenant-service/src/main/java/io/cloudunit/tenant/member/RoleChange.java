package io.cloudunit.tenant.member;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.cloudunit.tenant.access.Role;

/** Body of {@code PATCH /tenants/{t}/members/{username}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoleChange(String role) {

    /** The new role; 422 when it is missing or not a role. */
    public Role validated() {
        return Role.requireValid(role);
    }
}
