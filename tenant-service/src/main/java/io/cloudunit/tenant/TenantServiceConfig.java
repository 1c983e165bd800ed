package io.cloudunit.tenant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of tenant-service. */
@ConfigMapping(prefix = "cloudunit.tenant")
public interface TenantServiceConfig {

    /** Most tenants one user may own; creating one more answers 409. */
    @WithDefault("10")
    int maxTenantsPerUser();

    /** Domain under which the router serves apps: {@code http://<app>-<tenant>.<apps-domain>:<router-port>/}. */
    @WithDefault("apps.localhost")
    String appsDomain();

    /** Port of the router that serves apps (part of each app's URL). */
    @WithDefault("8081")
    int routerPort();

    /** The limits every tenant gets until plans are managed per tenant. */
    Quota quota();

    interface Quota {
        /** Name of the plan reported by {@code GET /tenants/{t}/quota}. */
        @WithDefault("default")
        String plan();

        /** Most apps in a tenant; enforced when an app is created. */
        @WithDefault("10")
        int maxApps();

        /** Most running instances in a tenant (reported; enforced by the deployer later). */
        @WithDefault("20")
        int maxInstances();

        /** Most memory, in MB, of all running instances of a tenant (reported). */
        @WithDefault("4096")
        int totalMemoryMb();
    }
}
