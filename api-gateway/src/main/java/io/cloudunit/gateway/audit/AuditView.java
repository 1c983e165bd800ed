package io.cloudunit.gateway.audit;

import java.time.OffsetDateTime;

/**
 * One entry of {@code GET /api/v1/tenants/{t}/audit}: {@code actor} is the username, {@code outcome} one of
 * succeeded, failed, denied, aborted, with the HTTP {@code status}; {@code id} is the cursor for {@code before}.
 */
public record AuditView(long id, OffsetDateTime time, String actor, String actorId, String action, String target,
        String outcome, Integer status, String requestId) {
}
