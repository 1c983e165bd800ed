package io.cloudunit.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;

/** Where the running mesh is, as the test run was told (see the failsafe configuration). */
final class Platform {
    static final URI API = URI.create(System.getProperty("cloudunit.api", "http://localhost:8080"));
    static final URI ROUTER = URI.create(System.getProperty("cloudunit.router", "http://127.0.0.1:8081"));
    static final URI KEYCLOAK = URI.create(System.getProperty("cloudunit.keycloak", "http://localhost:8180"));
    static final Path THIRD_PARTY = Path.of(System.getProperty("cloudunit.third-party-dir", "target/third-party"));
    static final String APPS_DOMAIN = "apps.localhost";
    /** The database every service keeps its schema in (read only by TenantDeletionIT). */
    static final String DATABASE = System.getProperty("cloudunit.database", "jdbc:postgresql://127.0.0.1:5432/cloudunit");

    private Platform() {
    }

    /** A tenant name no earlier run used: the engine and database keep what earlier runs left. */
    static String uniqueTenant(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String appHost(String app, String tenant) {
        return app + "-" + tenant + "." + APPS_DOMAIN;
    }
}
