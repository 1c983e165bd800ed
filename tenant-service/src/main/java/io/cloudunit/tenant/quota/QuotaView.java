package io.cloudunit.tenant.quota;

import java.util.Map;

import io.cloudunit.platform.events.QuotaEvent;

/**
 * A tenant's plan, its effective limits (the plan's after the tenant's overrides), the overrides alone, and what
 * it uses: its apps, the instances and memory its apps ask for (desired, what the limits are checked against)
 * and those running now (from instance events).
 */
public record QuotaView(String plan, QuotaEvent.Limits limits, Map<String, Integer> overrides, Usage usage) {

    public record Usage(long apps, long instances, long memoryMb, long desiredInstances, long desiredMemoryMb) {
    }
}
