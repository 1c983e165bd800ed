package io.cloudunit.tenant.quota;

/** A tenant's limits beside what it uses now. */
public record QuotaView(String plan, Limits limits, Usage usage) {

    public record Limits(int maxApps, int maxInstances, int totalMemoryMb) {
    }

    public record Usage(long apps, long instances, long memoryMb) {
    }
}
