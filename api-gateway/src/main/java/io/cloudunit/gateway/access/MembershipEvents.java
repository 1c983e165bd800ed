package io.cloudunit.gateway.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.cloudunit.gateway.events.EventBroadcaster;
import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.MemberEvent;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.events.TenantEvent;
import io.quarkus.runtime.StartupEvent;

/** Forgets cached memberships as soon as the events say they changed, instead of waiting for the TTL. */
@ApplicationScoped
public class MembershipEvents {
    private final MembershipCache cache;
    private final EventBroadcaster broadcaster;

    public MembershipEvents(MembershipCache cache, EventBroadcaster broadcaster) {
        this.cache = cache;
        this.broadcaster = broadcaster;
    }

    void listen(@Observes StartupEvent startup) {
        broadcaster.subscribe(this::on);
    }

    void on(CloudEvent envelope) {
        envelope.event().ifPresent(this::apply);
    }

    private void apply(PlatformEvent event) {
        if (event instanceof MemberEvent member) {
            cache.invalidate(member.userId());
        } else if (event instanceof TenantEvent tenant) {
            tenant.accept(tenantVisitor);
        }
    }

    private final TenantEvent.Visitor<Void> tenantVisitor = new TenantEvent.Visitor<>() {
        @Override
        public Void created(TenantEvent.Created event) {
            cache.invalidate(event.ownerId());
            return null;
        }

        @Override
        public Void updated(TenantEvent.Updated event) {
            return null;
        }

        @Override
        public Void suspended(TenantEvent.Suspended event) {
            return null;
        }

        @Override
        public Void reinstated(TenantEvent.Reinstated event) {
            return null;
        }

        @Override
        public Void deleted(TenantEvent.Deleted event) {
            cache.invalidateTenant(event.tenant());
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
