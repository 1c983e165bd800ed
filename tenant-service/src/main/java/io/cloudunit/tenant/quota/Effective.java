package io.cloudunit.tenant.quota;

import java.util.Map;

import io.cloudunit.platform.events.QuotaEvent;

/** A tenant's plan, the limits that hold for it, and which of them a platform admin overrode. */
public record Effective(String plan, QuotaEvent.Limits limits, Map<Limit, Integer> overrides) {

    public int of(Limit limit) {
        return limit.of(limits);
    }

    /** "maxApps of plan team", or "maxApps, overridden for this tenant" — for refusals. */
    public String describe(Limit limit) {
        return limit.label() + (overrides.containsKey(limit) ? " of plan " + plan + ", overridden for this tenant"
                : " of plan " + plan);
    }
}
