package io.cloudunit.tenant.access;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** A member's role in a tenant, strongest first: each role can do everything the weaker ones can. */
public enum Role {
    OWNER(Names.OWNER),
    DEVELOPER(Names.DEVELOPER),
    VIEWER(Names.VIEWER);

    /**
     * OpenAPI extension naming the least role an operation needs, declared beside each endpoint so the
     * gateway can read it from the merged OpenAPI document.
     */
    public static final String EXTENSION = "x-cloudunit-role";

    /** The labels as constants, for annotations. */
    public static final class Names {
        public static final String OWNER = "owner";
        public static final String DEVELOPER = "developer";
        public static final String VIEWER = "viewer";

        private Names() {
        }
    }

    private final String label;

    Role(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public boolean atLeast(Role minimum) {
        return ordinal() <= minimum.ordinal();
    }

    public static Optional<Role> of(String label) {
        return Arrays.stream(values()).filter(role -> role.label.equals(label)).findFirst();
    }
}
