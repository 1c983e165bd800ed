package io.cloudunit.tenant.quota;

/** A tenant's limits beside what it uses now. */
public record QuotaView(String plan, Limits limits, Usage usage) {

    /** {@code maxConfigVars} holds per app; the others per tenant. */
    public record Limits(int maxApps, int maxInstances, int totalMemoryMb, int maxConfigVars) {
    }

    public record Usage(long apps, long instances, long memoryMb) {
    }
}
