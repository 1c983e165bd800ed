package io.cloudunit.platform.events;

import java.util.UUID;

public sealed interface BuildEvent extends PlatformEvent, AppScoped {

    /**
     * Exhaustive dispatch: adding a record to this interface breaks every visitor until it handles it
     * (Java 17 has no pattern matching for switch).
     */
    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R queued(Queued event);

        R started(Started event);

        R succeeded(Succeeded event);

        R failed(Failed event);

        R canceled(Canceled event);
    }

    UUID buildId();

    long number();

    @Override
    default String subject() {
        return appSubject();
    }

    record Queued(String tenant, String app, UUID buildId, long number, String stack, String artifactSha256)
            implements BuildEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.queued(this);
        }
    }

    record Started(String tenant, String app, UUID buildId, long number) implements BuildEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.started(this);
        }
    }

    /** {@code image} is the tag ({@code cloudunit/<tenant>/<app>:b<n>}), {@code imageId} the engine's id. */
    record Succeeded(String tenant, String app, UUID buildId, long number, String image, String imageId,
            String digest) implements BuildEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.succeeded(this);
        }
    }

    record Failed(String tenant, String app, UUID buildId, long number, String reason) implements BuildEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.failed(this);
        }
    }

    record Canceled(String tenant, String app, UUID buildId, long number) implements BuildEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.canceled(this);
        }
    }
}
