package io.cloudunit.tenant.access;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

import io.cloudunit.platform.problem.ProblemException;

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

    /** {@code owner, developer, viewer}: for error details. */
    public static String labels() {
        return Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", "));
    }

    /** The role named {@code label} in a request body; 422 naming the valid ones otherwise. */
    public static Role requireValid(String label) {
        return of(label).orElseThrow(() -> ProblemException.unprocessable(label == null
                ? "role is required: use one of " + labels()
                : "role '" + label + "' is not valid: use one of " + labels()));
    }
}
