package io.cloudunit.tenant.tenant;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * How far a tenant's deletion got: who asked and when, the services that confirmed they hold nothing of it any
 * more ({@code tenant.purged}), and those still awaited. The tenant is gone once {@code waitingFor} is empty.
 */
public record DeletionProgress(OffsetDateTime requestedAt, String requestedBy, List<String> confirmedBy,
        List<String> waitingFor) {

    public static DeletionProgress of(Tenant tenant, List<String> participants, List<String> confirmed) {
        List<String> waiting = participants.stream().filter(service -> !confirmed.contains(service)).toList();
        return new DeletionProgress(tenant.deletionRequestedAt, tenant.deletionRequestedBy,
                confirmed.stream().sorted().toList(), waiting);
    }

    public boolean complete() {
        return waitingFor.isEmpty();
    }
}
