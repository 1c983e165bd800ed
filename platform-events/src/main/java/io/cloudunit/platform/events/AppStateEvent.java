package io.cloudunit.platform.events;

/**
 * The runtime state of one app as the deployer decides it (ADR 0025): stopped by its owners, started again, or
 * crashed (its instances kept crashing and the deployer stopped relaunching them). Not the app's spec, which
 * {@link AppEvent} carries from tenant-service; these come from the deployer, on its topic.
 */
public sealed interface AppStateEvent extends PlatformEvent, AppScoped {

    /**
     * Exhaustive dispatch: adding a record to this interface breaks every visitor until it handles it
     * (Java 17 has no pattern matching for switch).
     */
    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R stopped(Stopped event);

        R started(Started event);

        R crashed(Crashed event);
    }

    @Override
    default String subject() {
        return appSubject();
    }

    /** {@code POST …/actions/stop}: nothing of the app runs until it is started. */
    record Stopped(String tenant, String app) implements AppStateEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.stopped(this);
        }
    }

    /** The app runs again: a start or restart action, or a crashed app's crash cleared. */
    record Started(String tenant, String app) implements AppStateEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.started(this);
        }
    }

    /**
     * Release {@code version} crashed too often: the deployer no longer relaunches it until the next deploy,
     * start or restart. {@code reason}: exit code, OOM, last log lines.
     */
    record Crashed(String tenant, String app, int version, String reason) implements AppStateEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.crashed(this);
        }
    }
}
