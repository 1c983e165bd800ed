package io.cloudunit.platform.events;

public sealed interface QuotaEvent extends PlatformEvent {

    /**
     * Exhaustive dispatch: adding a record to this interface breaks every visitor until it handles it
     * (Java 17 has no pattern matching for switch).
     */
    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R changed(Changed event);

        R exceeded(Exceeded event);
    }

    /**
     * A tenant's effective limits (its plan's, after the tenant's overrides). Counts, and sizes in MB;
     * {@code maxConfigVars} holds per app, the others per tenant.
     */
    record Limits(int maxApps, int maxInstances, int totalMemoryMb, int maxConcurrentBuilds, int maxArtifactMb,
            int maxConfigVars) {
    }

    /** The tenant's plan or one of its limits changed: {@code limits} are the effective ones from now on. */
    record Changed(String tenant, String plan, Limits limits) implements QuotaEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.changed(this);
        }
    }

    record Exceeded(String tenant, String limit, long requested, long allowed) implements QuotaEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.exceeded(this);
        }
    }
}
