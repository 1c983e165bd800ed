package io.cloudunit.platform.events;

/** An event about one app of a tenant: its subject and key are {@code <tenant>/<app>}. */
public interface AppScoped {
    String tenant();

    String app();

    default String appSubject() {
        return tenant() + "/" + app();
    }
}
