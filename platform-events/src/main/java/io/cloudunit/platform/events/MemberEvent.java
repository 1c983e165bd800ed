package io.cloudunit.platform.events;

public sealed interface MemberEvent extends PlatformEvent {

    /**
     * Exhaustive dispatch: adding a record to this interface breaks every visitor until it handles it
     * (Java 17 has no pattern matching for switch).
     */
    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R added(Added event);

        R removed(Removed event);

        R roleChanged(RoleChanged event);
    }

    /** The Keycloak subject (token {@code sub}) of the member. */
    String userId();

    record Added(String tenant, String userId, String username, String role) implements MemberEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.added(this);
        }
    }

    record Removed(String tenant, String userId) implements MemberEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.removed(this);
        }
    }

    record RoleChanged(String tenant, String userId, String role) implements MemberEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.roleChanged(this);
        }
    }
}
