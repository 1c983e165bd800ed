package io.cloudunit.gateway.audit;

import java.time.OffsetDateTime;

/**
 * One audited call, as it is written: {@code tenant} is null when a tenant could not be created; {@code status}
 * is null when the connection closed before any answer.
 */
public record AuditEntry(OffsetDateTime time, String tenant, String actorId, String actorUsername, String action,
        String target, Integer status, Outcome outcome, String requestId) {
}
