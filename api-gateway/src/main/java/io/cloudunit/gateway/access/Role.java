package io.cloudunit.gateway.access;

import java.util.Arrays;
import java.util.Optional;

import io.cloudunit.platform.api.RequiredRole;

/**
 * What a route requires: a member's role in the tenant, strongest first (each may do everything the weaker ones
 * may), or {@link #PLATFORM_ADMIN}, which is no tenant role: the realm role of the platform's operators, met by
 * them alone, on any tenant.
 */
public enum Role {
    OWNER(RequiredRole.OWNER), DEVELOPER(RequiredRole.DEVELOPER), VIEWER(RequiredRole.VIEWER),
    PLATFORM_ADMIN(RequiredRole.PLATFORM_ADMIN);

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether this tenant role meets {@code minimum}; no tenant role meets {@link #PLATFORM_ADMIN}. */
    public boolean atLeast(Role minimum) {
        if (this == PLATFORM_ADMIN || minimum == PLATFORM_ADMIN) {
            return this == minimum;
        }
        return ordinal() <= minimum.ordinal();
    }

    public static Optional<Role> of(String label) {
        return Arrays.stream(values()).filter(role -> role.label.equals(label)).findFirst();
    }

    /** A member's role as /me answers it: tenant roles only. */
    public static Optional<Role> ofMember(String label) {
        return of(label).filter(role -> role != PLATFORM_ADMIN);
    }
}
