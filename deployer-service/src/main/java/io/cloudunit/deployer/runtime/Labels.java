package io.cloudunit.deployer.runtime;

import java.util.Map;

/** Names and ownership labels of what the deployer creates on the engine (DESIGN §5). */
public final class Labels {
    public static final String MANAGED = "io.cloudunit.managed";
    public static final String SCOPE = "io.cloudunit.scope";
    public static final String TENANT = "io.cloudunit.tenant";
    public static final String APP = "io.cloudunit.app";
    public static final String RELEASE = "io.cloudunit.release";

    private Labels() {
    }

    public static String containerName(String tenant, String app, int version, int n) {
        return "cu-" + tenant + "-" + app + "-v" + version + "-" + n;
    }

    public static String network(String tenant) {
        return "cu-net-" + tenant;
    }

    /** Filter matching every object this deployer owns. */
    public static Map<String, String> managed(String scope) {
        return Map.of(MANAGED, "true", SCOPE, scope);
    }

    public static Map<String, String> ofTenant(String scope, String tenant) {
        return Map.of(MANAGED, "true", SCOPE, scope, TENANT, tenant);
    }

    public static Map<String, String> ofApp(String scope, String tenant, String app) {
        return Map.of(MANAGED, "true", SCOPE, scope, TENANT, tenant, APP, app);
    }

    public static Map<String, String> ofRelease(String scope, String tenant, String app, int version) {
        return Map.of(MANAGED, "true", SCOPE, scope, TENANT, tenant, APP, app, RELEASE, String.valueOf(version));
    }

    /** The release a labelled container belongs to, -1 when the label is missing or garbled. */
    public static int releaseOf(Map<String, String> labels) {
        try {
            return Integer.parseInt(labels.getOrDefault(RELEASE, "-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
