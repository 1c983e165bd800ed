package io.cloudunit.platform.events;

public sealed interface TenantEvent extends PlatformEvent {

    /**
     * Exhaustive dispatch: adding a record to this interface breaks every visitor until it handles it
     * (Java 17 has no pattern matching for switch).
     */
    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R created(Created event);

        R updated(Updated event);

        R suspended(Suspended event);

        R reinstated(Reinstated event);

        R deleted(Deleted event);

        R deletionRequested(DeletionRequested event);

        R purged(Purged event);
    }

    record Created(String tenant, String displayName, String ownerId, String ownerName) implements TenantEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.created(this);
        }
    }

    record Updated(String tenant, String displayName) implements TenantEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.updated(this);
        }
    }

    /**
     * A platform admin suspended the tenant: its data stays, nothing of it runs, no new work is accepted until
     * {@link Reinstated}. {@code reason} is shown to the tenant's members.
     */
    record Suspended(String tenant, String reason) implements TenantEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.suspended(this);
        }
    }

    /** A platform admin lifted the tenant's suspension: its apps run again, new work is accepted again. */
    record Reinstated(String tenant) implements TenantEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.reinstated(this);
        }
    }

    record Deleted(String tenant) implements TenantEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleted(this);
        }
    }

    /**
     * An owner asked to delete the tenant: every service holding its data removes all of it, then answers
     * {@link Purged}. tenant-service emits {@link Deleted} once every such service has answered.
     */
    record DeletionRequested(String tenant, String requestedBy) implements TenantEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deletionRequested(this);
        }
    }

    /** {@code service} (e.g. {@code build-service}) holds nothing of the tenant any more. */
    record Purged(String tenant, String service) implements TenantEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.purged(this);
        }
    }
}
