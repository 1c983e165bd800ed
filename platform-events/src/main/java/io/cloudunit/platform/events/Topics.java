package io.cloudunit.platform.events;

/** Kafka topic names, keyed by {@code <tenant>/<app>} so that one app's events stay ordered. */
public final class Topics {
    public static final String TENANTS = "cloudunit.tenants";
    public static final String APPS = "cloudunit.apps";
    public static final String BUILDS = "cloudunit.builds";
    public static final String DEPLOYMENTS = "cloudunit.deployments";
    public static final String INSTANCES = "cloudunit.instances";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
