package io.cloudunit.build.events;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.build.limits.TenantBuildLimits;
import io.cloudunit.platform.events.QuotaEvent;
import io.smallrye.mutiny.Uni;

/**
 * The {@code quota.*} events of {@code cloudunit.tenants}, handed over by {@link TenantEventsConsumer} inside its
 * inbox transaction: {@code quota.changed} keeps the projection of each tenant's build limits (ADR 0018).
 */
@ApplicationScoped
public class QuotaEventsConsumer implements QuotaEvent.Visitor<Uni<Void>> {
    private final TenantBuildLimits limits;

    public QuotaEventsConsumer(TenantBuildLimits limits) {
        this.limits = limits;
    }

    @Override
    public Uni<Void> changed(QuotaEvent.Changed event) {
        return limits.change(event);
    }

    /** A refusal by another service: nothing changes here. */
    @Override
    public Uni<Void> exceeded(QuotaEvent.Exceeded event) {
        return Consumers.nothing();
    }
}
