package io.cloudunit.deployer.reconcile;

import java.util.Set;

import io.cloudunit.deployer.runtime.AppTarget;

/**
 * What the database wants for one app.
 *
 * @param target          the release that should serve, shaped by the spec; null when nothing should run
 *                        (app deleted, unknown, or never rolled out successfully)
 * @param rollingVersions releases with a PENDING or RUNNING deployment: their containers are not stale
 * @param crashed         the target crashed too often (ADR 0025): its instances are kept (with their logs) but
 *                        not relaunched until a deploy, start or restart
 */
public record AppDesired(String tenant, String app, AppTarget target, Set<Integer> rollingVersions, boolean crashed) {

    public AppDesired(String tenant, String app, AppTarget target, Set<Integer> rollingVersions) {
        this(tenant, app, target, rollingVersions, false);
    }

    public static AppDesired nothing(String tenant, String app) {
        return new AppDesired(tenant, app, null, Set.of());
    }

    public String key() {
        return tenant + "/" + app;
    }
}
