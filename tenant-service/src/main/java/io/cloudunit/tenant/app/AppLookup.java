package io.cloudunit.tenant.app;

import java.util.Map;

/** An app as the caller sees it, with the last sequence of this service's events of its tenant. */
public record AppLookup(AppView view, Map<String, Long> eventsSoFar) {
}
