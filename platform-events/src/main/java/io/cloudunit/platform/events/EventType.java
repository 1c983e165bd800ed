package io.cloudunit.platform.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalog: CloudEvents type, payload record and topic of every event. */
public enum EventType {
    TENANT_CREATED("tenant.created", TenantEvent.Created.class, Topics.TENANTS),
    TENANT_UPDATED("tenant.updated", TenantEvent.Updated.class, Topics.TENANTS),
    TENANT_SUSPENDED("tenant.suspended", TenantEvent.Suspended.class, Topics.TENANTS),
    TENANT_REINSTATED("tenant.reinstated", TenantEvent.Reinstated.class, Topics.TENANTS),
    TENANT_DELETED("tenant.deleted", TenantEvent.Deleted.class, Topics.TENANTS),
    TENANT_DELETION_REQUESTED("tenant.deletion-requested", TenantEvent.DeletionRequested.class, Topics.TENANTS),
    TENANT_PURGED("tenant.purged", TenantEvent.Purged.class, Topics.TENANTS),
    MEMBER_ADDED("member.added", MemberEvent.Added.class, Topics.TENANTS),
    MEMBER_REMOVED("member.removed", MemberEvent.Removed.class, Topics.TENANTS),
    MEMBER_ROLE_CHANGED("member.role-changed", MemberEvent.RoleChanged.class, Topics.TENANTS),
    QUOTA_CHANGED("quota.changed", QuotaEvent.Changed.class, Topics.TENANTS),
    QUOTA_EXCEEDED("quota.exceeded", QuotaEvent.Exceeded.class, Topics.TENANTS),
    APP_CREATED("app.created", AppEvent.Created.class, Topics.APPS),
    APP_UPDATED("app.updated", AppEvent.Updated.class, Topics.APPS),
    APP_SCALED("app.scaled", AppEvent.Scaled.class, Topics.APPS),
    APP_DELETED("app.deleted", AppEvent.Deleted.class, Topics.APPS),
    CONFIG_CHANGED("config.changed", ConfigEvent.Changed.class, Topics.APPS),
    BUILD_QUEUED("build.queued", BuildEvent.Queued.class, Topics.BUILDS),
    BUILD_STARTED("build.started", BuildEvent.Started.class, Topics.BUILDS),
    BUILD_SUCCEEDED("build.succeeded", BuildEvent.Succeeded.class, Topics.BUILDS),
    BUILD_FAILED("build.failed", BuildEvent.Failed.class, Topics.BUILDS),
    BUILD_CANCELED("build.canceled", BuildEvent.Canceled.class, Topics.BUILDS),
    RELEASE_CREATED("release.created", ReleaseEvent.Created.class, Topics.DEPLOYMENTS),
    DEPLOYMENT_STARTED("deployment.started", DeploymentEvent.Started.class, Topics.DEPLOYMENTS),
    DEPLOYMENT_SUCCEEDED("deployment.succeeded", DeploymentEvent.Succeeded.class, Topics.DEPLOYMENTS),
    DEPLOYMENT_FAILED("deployment.failed", DeploymentEvent.Failed.class, Topics.DEPLOYMENTS),
    DEPLOYMENT_ROLLED_BACK("deployment.rolled-back", DeploymentEvent.RolledBack.class, Topics.DEPLOYMENTS),
    INSTANCE_STARTED("instance.started", InstanceEvent.Started.class, Topics.INSTANCES),
    INSTANCE_STOPPED("instance.stopped", InstanceEvent.Stopped.class, Topics.INSTANCES),
    INSTANCE_CRASHED("instance.crashed", InstanceEvent.Crashed.class, Topics.INSTANCES),
    INSTANCE_OOM_KILLED("instance.oom-killed", InstanceEvent.OomKilled.class, Topics.INSTANCES),
    INSTANCE_UNHEALTHY("instance.unhealthy", InstanceEvent.Unhealthy.class, Topics.INSTANCES),
    APP_STOPPED("app.stopped", AppStateEvent.Stopped.class, Topics.DEPLOYMENTS),
    APP_STARTED("app.started", AppStateEvent.Started.class, Topics.DEPLOYMENTS),
    APP_CRASHED("app.crashed", AppStateEvent.Crashed.class, Topics.DEPLOYMENTS);

    public static final String TYPE_PREFIX = "io.cloudunit.";

    private static final Map<String, EventType> BY_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::payloadClass, Function.identity()));

    private final String type;
    private final Class<? extends PlatformEvent> payloadClass;
    private final String topic;

    EventType(String shortType, Class<? extends PlatformEvent> payloadClass, String topic) {
        this.type = TYPE_PREFIX + shortType;
        this.payloadClass = payloadClass;
        this.topic = topic;
    }

    /** The CloudEvents {@code type}, e.g. {@code io.cloudunit.build.succeeded}. */
    public String type() {
        return type;
    }

    public Class<? extends PlatformEvent> payloadClass() {
        return payloadClass;
    }

    public String topic() {
        return topic;
    }

    public static EventType of(PlatformEvent event) {
        return BY_CLASS.get(event.getClass());
    }

    public static Optional<EventType> fromType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}
