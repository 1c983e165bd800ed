package io.cloudunit.platform.events;

import java.util.List;

public sealed interface ConfigEvent extends PlatformEvent, AppScoped {

    /**
     * Exhaustive dispatch: adding a record to this interface breaks every visitor until it handles it
     * (Java 17 has no pattern matching for switch).
     */
    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R changed(Changed event);
    }

    @Override
    default String subject() {
        return appSubject();
    }

    /**
     * Names of the variables that changed; values never travel in events. {@code actor}: the username of who
     * changed them (null in events written before it was carried).
     */
    record Changed(String tenant, String app, List<String> names, String actor) implements ConfigEvent {
        public Changed(String tenant, String app, List<String> names) {
            this(tenant, app, names, null);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.changed(this);
        }
    }
}
