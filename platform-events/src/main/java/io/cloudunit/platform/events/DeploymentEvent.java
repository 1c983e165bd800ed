package io.cloudunit.platform.events;

import java.util.UUID;

public sealed interface DeploymentEvent extends PlatformEvent, AppScoped {

    /**
     * Exhaustive dispatch: adding a record to this interface breaks every visitor until it handles it
     * (Java 17 has no pattern matching for switch).
     */
    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R started(Started event);

        R succeeded(Succeeded event);

        R failed(Failed event);

        R rolledBack(RolledBack event);
    }

    UUID deploymentId();

    @Override
    default String subject() {
        return appSubject();
    }

    record Started(String tenant, String app, UUID deploymentId, int version) implements DeploymentEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.started(this);
        }
    }

    record Succeeded(String tenant, String app, UUID deploymentId, int version) implements DeploymentEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.succeeded(this);
        }
    }

    record Failed(String tenant, String app, UUID deploymentId, int version, String reason)
            implements DeploymentEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.failed(this);
        }
    }

    record RolledBack(String tenant, String app, UUID deploymentId, int fromVersion, int toVersion)
            implements DeploymentEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.rolledBack(this);
        }
    }
}
