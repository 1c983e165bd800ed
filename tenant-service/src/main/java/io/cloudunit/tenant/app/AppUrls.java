package io.cloudunit.tenant.app;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.tenant.TenantServiceConfig;

/** Builds views of apps, with the URL the router serves each one at. */
@ApplicationScoped
public class AppUrls {
    private final TenantServiceConfig config;

    public AppUrls(TenantServiceConfig config) {
        this.config = config;
    }

    public String of(String tenant, String app) {
        return "http://" + app + "-" + tenant + "." + config.appsDomain() + ":" + config.routerPort() + "/";
    }

    public AppView view(App app) {
        return new AppView(app.name, app.stack, app.memoryMb, app.cpus, app.replicas, app.healthPath, app.javaVersion,
                app.autoRollback, app.createdAt,
                of(app.tenant, app.name));
    }
}
