package io.cloudunit.tenant.plan;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.cloudunit.platform.events.QuotaEvent;

/** A named set of limits that platform admins assign to tenants. */
@Entity
@Table(name = "plans")
public class Plan {
    @Id
    public String name;

    @Column(name = "max_apps", nullable = false)
    public int maxApps;

    @Column(name = "max_instances", nullable = false)
    public int maxInstances;

    @Column(name = "total_memory_mb", nullable = false)
    public int totalMemoryMb;

    @Column(name = "max_concurrent_builds", nullable = false)
    public int maxConcurrentBuilds;

    @Column(name = "max_artifact_mb", nullable = false)
    public int maxArtifactMb;

    @Column(name = "max_config_vars", nullable = false)
    public int maxConfigVars;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static Plan named(String name) {
        Plan plan = new Plan();
        plan.name = name;
        return plan;
    }

    public QuotaEvent.Limits limits() {
        return new QuotaEvent.Limits(maxApps, maxInstances, totalMemoryMb, maxConcurrentBuilds, maxArtifactMb,
                maxConfigVars);
    }

    public void setLimits(QuotaEvent.Limits limits, OffsetDateTime now) {
        maxApps = limits.maxApps();
        maxInstances = limits.maxInstances();
        totalMemoryMb = limits.totalMemoryMb();
        maxConcurrentBuilds = limits.maxConcurrentBuilds();
        maxArtifactMb = limits.maxArtifactMb();
        maxConfigVars = limits.maxConfigVars();
        updatedAt = now;
    }
}
