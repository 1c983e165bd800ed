package io.cloudunit.platform.events;

import java.util.UUID;

public sealed interface ReleaseEvent extends PlatformEvent, AppScoped {

    /**
     * Exhaustive dispatch: adding a record to this interface breaks every visitor until it handles it
     * (Java 17 has no pattern matching for switch).
     */
    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R created(Created event);
    }

    @Override
    default String subject() {
        return appSubject();
    }

    record Created(String tenant, String app, int version, UUID buildId, String image, String reason)
            implements ReleaseEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.created(this);
        }
    }
}
