package io.cloudunit.platform.events;

/**
 * Incoming channel names, one per topic. Each service maps the channels it consumes to its topic
 * in application.properties ({@code mp.messaging.incoming.<channel>.topic}).
 */
public final class Channels {
    public static final String TENANTS = "tenants-in";
    public static final String APPS = "apps-in";
    public static final String BUILDS = "builds-in";
    public static final String DEPLOYMENTS = "deployments-in";
    public static final String INSTANCES = "instances-in";

    private Channels() {
    }
}
