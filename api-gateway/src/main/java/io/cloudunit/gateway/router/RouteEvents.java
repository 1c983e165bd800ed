package io.cloudunit.gateway.router;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.cloudunit.gateway.events.EventBroadcaster;
import io.cloudunit.platform.events.AppEvent;
import io.cloudunit.platform.events.AppStateEvent;
import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.InstanceEvent;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.events.TenantEvent;
import io.quarkus.runtime.StartupEvent;

/** Keeps the route table current from instance, app and tenant events. */
@ApplicationScoped
public class RouteEvents {
    private final RouteTable table;
    private final EventBroadcaster broadcaster;

    public RouteEvents(RouteTable table, EventBroadcaster broadcaster) {
        this.table = table;
        this.broadcaster = broadcaster;
    }

    // Listening starts before the snapshot is asked for (lower priority runs first). On receipt, not once placed:
    // a route waits for no transaction, and each route change is idempotent and ordered within its topic (an app's
    // instance events share a partition).
    void listen(@Observes @Priority(1) StartupEvent startup) {
        broadcaster.onReceipt(this::on);
    }

    void on(CloudEvent envelope) {
        envelope.event().ifPresent(this::apply);
    }

    private void apply(PlatformEvent event) {
        if (event instanceof InstanceEvent instance) {
            instance.accept(instances);
        } else if (event instanceof AppEvent app) {
            app.accept(apps);
        } else if (event instanceof TenantEvent tenant) {
            tenant.accept(tenants);
        } else if (event instanceof AppStateEvent state) {
            state.accept(states);
        }
    }

    private final InstanceEvent.Visitor<Void> instances = new InstanceEvent.Visitor<>() {
        @Override
        public Void started(InstanceEvent.Started event) {
            if (event.healthy()) {
                table.serving(event.tenant(), event.app(), event.instance(), event.address());
            } else {
                table.notServing(event.tenant(), event.app(), event.instance());
            }
            return null;
        }

        @Override
        public Void stopped(InstanceEvent.Stopped event) {
            return gone(event);
        }

        @Override
        public Void crashed(InstanceEvent.Crashed event) {
            return gone(event);
        }

        @Override
        public Void oomKilled(InstanceEvent.OomKilled event) {
            return gone(event);
        }

        @Override
        public Void unhealthy(InstanceEvent.Unhealthy event) {
            return gone(event);
        }

        private Void gone(InstanceEvent event) {
            table.notServing(event.tenant(), event.app(), event.instance());
            return null;
        }
    };

    private final AppStateEvent.Visitor<Void> states = new AppStateEvent.Visitor<>() {
        @Override
        public Void stopped(AppStateEvent.Stopped event) {
            table.appState(event.tenant(), event.app(), AppRoute.State.STOPPED);
            return null;
        }

        @Override
        public Void started(AppStateEvent.Started event) {
            table.appState(event.tenant(), event.app(), AppRoute.State.RUNNING);
            return null;
        }

        @Override
        public Void crashed(AppStateEvent.Crashed event) {
            table.appState(event.tenant(), event.app(), AppRoute.State.CRASHED);
            return null;
        }
    };

    private final AppEvent.Visitor<Void> apps = new AppEvent.Visitor<>() {
        @Override
        public Void created(AppEvent.Created event) {
            return null;
        }

        @Override
        public Void updated(AppEvent.Updated event) {
            return null;
        }

        @Override
        public Void scaled(AppEvent.Scaled event) {
            return null;
        }

        @Override
        public Void deleted(AppEvent.Deleted event) {
            table.appDeleted(event.tenant(), event.app());
            return null;
        }
    };

    private final TenantEvent.Visitor<Void> tenants = new TenantEvent.Visitor<>() {
        @Override
        public Void created(TenantEvent.Created event) {
            return null;
        }

        @Override
        public Void updated(TenantEvent.Updated event) {
            return null;
        }

        @Override
        public Void suspended(TenantEvent.Suspended event) {
            table.tenantSuspended(event.tenant());
            return null;
        }

        @Override
        public Void reinstated(TenantEvent.Reinstated event) {
            table.tenantReinstated(event.tenant());
            return null;
        }

        @Override
        public Void deleted(TenantEvent.Deleted event) {
            table.tenantDeleted(event.tenant());
            return null;
        }

        @Override
        public Void deletionRequested(TenantEvent.DeletionRequested event) {
            return null;
        }

        @Override
        public Void purged(TenantEvent.Purged event) {
            return null;
        }
    };
}
