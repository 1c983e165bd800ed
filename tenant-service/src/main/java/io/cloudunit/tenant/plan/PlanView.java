package io.cloudunit.tenant.plan;

import io.cloudunit.platform.events.QuotaEvent;

/** A plan as {@code GET /api/v1/plans} shows it. */
public record PlanView(String name, QuotaEvent.Limits limits) {
}
