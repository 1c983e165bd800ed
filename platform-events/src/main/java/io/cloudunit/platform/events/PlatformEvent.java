package io.cloudunit.platform.events;

/** Every event of the platform. Each aggregate has its own sealed interface of records. */
public sealed interface PlatformEvent
        permits TenantEvent, MemberEvent, QuotaEvent, AppEvent, ConfigEvent, BuildEvent, ReleaseEvent,
        DeploymentEvent, InstanceEvent, AppStateEvent {

    /** The tenant slug; subscribers are filtered on it. */
    String tenant();

    /** {@code <tenant>/<app>} or {@code <tenant>}: the CloudEvents subject and the Kafka key. */
    default String subject() {
        return tenant();
    }
}
