package io.cloudunit.tenant.usage;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.events.InstanceEvent;
import io.smallrye.mutiny.Uni;

/** What each instance event does to the usage table. */
@ApplicationScoped
public class UsageProjection implements InstanceEvent.Visitor<Uni<Void>> {
    private final UsageRepository usage;

    public UsageProjection(UsageRepository usage) {
        this.usage = usage;
    }

    @Override
    public Uni<Void> started(InstanceEvent.Started event) {
        return usage.started(event);
    }

    @Override
    public Uni<Void> stopped(InstanceEvent.Stopped event) {
        return usage.gone(event);
    }

    @Override
    public Uni<Void> crashed(InstanceEvent.Crashed event) {
        return usage.gone(event);
    }

    @Override
    public Uni<Void> oomKilled(InstanceEvent.OomKilled event) {
        return usage.gone(event);
    }

    @Override
    public Uni<Void> unhealthy(InstanceEvent.Unhealthy event) {
        // Still running and still using its memory; the deployer decides whether to replace it.
        return Uni.createFrom().voidItem();
    }
}
