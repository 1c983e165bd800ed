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

    record Changed(String tenant, String plan) implements QuotaEvent {
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
