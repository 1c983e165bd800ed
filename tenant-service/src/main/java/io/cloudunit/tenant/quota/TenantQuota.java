package io.cloudunit.tenant.quota;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant's plan (null: the default plan) and the limits a platform admin overrode for it (null: the plan's). */
@Entity
@Table(name = "tenant_quotas")
public class TenantQuota {
    @Id
    public String tenant;

    public String plan;

    @Column(name = "max_apps")
    public Integer maxApps;

    @Column(name = "max_instances")
    public Integer maxInstances;

    @Column(name = "total_memory_mb")
    public Integer totalMemoryMb;

    @Column(name = "max_concurrent_builds")
    public Integer maxConcurrentBuilds;

    @Column(name = "max_artifact_mb")
    public Integer maxArtifactMb;

    @Column(name = "max_config_vars")
    public Integer maxConfigVars;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static TenantQuota of(String tenant) {
        TenantQuota quota = new TenantQuota();
        quota.tenant = tenant;
        return quota;
    }

    public Map<Limit, Integer> overrides() {
        Map<Limit, Integer> overrides = new EnumMap<>(Limit.class);
        put(overrides, Limit.MAX_APPS, maxApps);
        put(overrides, Limit.MAX_INSTANCES, maxInstances);
        put(overrides, Limit.TOTAL_MEMORY_MB, totalMemoryMb);
        put(overrides, Limit.MAX_CONCURRENT_BUILDS, maxConcurrentBuilds);
        put(overrides, Limit.MAX_ARTIFACT_MB, maxArtifactMb);
        put(overrides, Limit.MAX_CONFIG_VARS, maxConfigVars);
        return overrides;
    }

    /** Replaces the plan and every override; answers whether anything changed. */
    public boolean assign(String newPlan, Map<Limit, Integer> newOverrides, OffsetDateTime now) {
        boolean changed = !Objects.equals(plan, newPlan) || !overrides().equals(newOverrides);
        plan = newPlan;
        maxApps = newOverrides.get(Limit.MAX_APPS);
        maxInstances = newOverrides.get(Limit.MAX_INSTANCES);
        totalMemoryMb = newOverrides.get(Limit.TOTAL_MEMORY_MB);
        maxConcurrentBuilds = newOverrides.get(Limit.MAX_CONCURRENT_BUILDS);
        maxArtifactMb = newOverrides.get(Limit.MAX_ARTIFACT_MB);
        maxConfigVars = newOverrides.get(Limit.MAX_CONFIG_VARS);
        if (changed) {
            updatedAt = now;
        }
        return changed;
    }

    private static void put(Map<Limit, Integer> overrides, Limit limit, Integer value) {
        if (value != null) {
            overrides.put(limit, value);
        }
    }
}
