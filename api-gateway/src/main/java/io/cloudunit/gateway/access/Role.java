package io.cloudunit.gateway.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A member's role in a tenant, strongest first: each role may do everything the weaker ones may. */
public enum Role {
    OWNER, DEVELOPER, VIEWER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Role minimum) {
        return ordinal() <= minimum.ordinal();
    }

    public static Optional<Role> of(String label) {
        return Arrays.stream(values()).filter(role -> role.label().equals(label)).findFirst();
    }
}
