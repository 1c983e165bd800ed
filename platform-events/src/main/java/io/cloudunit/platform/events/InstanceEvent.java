package io.cloudunit.platform.events;

/**
 * One container's life. {@code address} is {@code host:port} where the router reaches the instance
 * (its address on the tenant network), {@code null} once it no longer serves.
 */
public sealed interface InstanceEvent extends PlatformEvent, AppScoped {

    /**
     * Exhaustive dispatch: adding a record to this interface breaks every visitor until it handles it
     * (Java 17 has no pattern matching for switch).
     */
    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R started(Started event);

        R stopped(Stopped event);

        R crashed(Crashed event);

        R oomKilled(OomKilled event);

        R unhealthy(Unhealthy event);
    }

    String instance();

    int version();

    @Override
    default String subject() {
        return appSubject();
    }

    record Started(String tenant, String app, String instance, int version, String address, boolean healthy)
            implements InstanceEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.started(this);
        }
    }

    record Stopped(String tenant, String app, String instance, int version) implements InstanceEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.stopped(this);
        }
    }

    record Crashed(String tenant, String app, String instance, int version, int exitCode)
            implements InstanceEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.crashed(this);
        }
    }

    record OomKilled(String tenant, String app, String instance, int version) implements InstanceEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.oomKilled(this);
        }
    }

    record Unhealthy(String tenant, String app, String instance, int version, String reason)
            implements InstanceEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.unhealthy(this);
        }
    }
}
