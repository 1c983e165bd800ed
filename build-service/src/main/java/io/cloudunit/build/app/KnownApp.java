package io.cloudunit.build.app;

import java.util.Map;

/**
 * An app tenant-service showed the caller, and how far tenant-service's events of the tenant went when it did:
 * what this service emits because of it must follow those events.
 */
public record KnownApp(AppView view, Map<String, Long> eventsAfter) {
}
