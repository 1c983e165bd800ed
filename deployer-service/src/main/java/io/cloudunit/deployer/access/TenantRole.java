package io.cloudunit.deployer.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A member's role in a tenant, strongest first: each role may do everything the weaker ones may. */
enum TenantRole {
    OWNER, DEVELOPER, VIEWER;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean atLeast(TenantRole minimum) {
        return ordinal() <= minimum.ordinal();
    }

    static Optional<TenantRole> of(String label) {
        return Arrays.stream(values()).filter(role -> role.label().equals(label)).findFirst();
    }
}
