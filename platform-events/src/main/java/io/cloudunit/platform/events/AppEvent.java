package io.cloudunit.platform.events;

public sealed interface AppEvent extends PlatformEvent, AppScoped {

    /**
     * Exhaustive dispatch: adding a record to this interface breaks every visitor until it handles it
     * (Java 17 has no pattern matching for switch).
     */
    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R created(Created event);

        R updated(Updated event);

        R scaled(Scaled event);

        R deleted(Deleted event);
    }

    @Override
    default String subject() {
        return appSubject();
    }

    /**
     * The desired shape of an app, carried whole so that consumers can keep a projection. {@code javaVersion}: the
     * Java the app's builds run on (17 or 25; stacks {@code java} and {@code tomcat} only), {@code null} = chosen
     * per build from what the upload needs. {@code autoRollback}: whether a release that never gets healthy is
     * followed by an automatic rollback to the release that served before it (ADR 0027); {@code null} (events written
     * before it was carried) means no.
     */
    record Spec(String stack, int memoryMb, double cpus, int replicas, String healthPath, Integer javaVersion,
            Boolean autoRollback) {
        /** A spec without a Java version (what every stack but {@code java} has, and events written before it). */
        public Spec(String stack, int memoryMb, double cpus, int replicas, String healthPath) {
            this(stack, memoryMb, cpus, replicas, healthPath, null, null);
        }

        /** A spec without the rollback choice (events written before it was carried). */
        public Spec(String stack, int memoryMb, double cpus, int replicas, String healthPath, Integer javaVersion) {
            this(stack, memoryMb, cpus, replicas, healthPath, javaVersion, null);
        }

        /** Whether the app asks for automatic rollbacks (absent = no). */
        public boolean rollsBackAutomatically() {
            return Boolean.TRUE.equals(autoRollback);
        }
    }

    record Created(String tenant, String app, Spec spec) implements AppEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.created(this);
        }
    }

    record Updated(String tenant, String app, Spec spec) implements AppEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.updated(this);
        }
    }

    /** {@code actor}: the username of who scaled the app (null in events written before it was carried). */
    record Scaled(String tenant, String app, Spec spec, String actor) implements AppEvent {
        public Scaled(String tenant, String app, Spec spec) {
            this(tenant, app, spec, null);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.scaled(this);
        }
    }

    record Deleted(String tenant, String app) implements AppEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleted(this);
        }
    }
}
