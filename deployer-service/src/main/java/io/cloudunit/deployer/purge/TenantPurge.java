package io.cloudunit.deployer.purge;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant whose deletion was requested: pending until nothing of it is left here, then done. */
@Entity
@Table(name = "tenant_purge")
public class TenantPurge {
    private static final int MAX_ERROR = 2000;

    @Id
    public String tenant;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "requested_at")
    public OffsetDateTime requestedAt;
    @Column(name = "done_at")
    public OffsetDateTime doneAt;
    public int attempts;
    @Column(name = "last_error")
    public String lastError;

    static TenantPurge requested(String tenant, String requestedBy) {
        TenantPurge purge = new TenantPurge();
        purge.tenant = tenant;
        purge.requestedBy = requestedBy;
        purge.requestedAt = OffsetDateTime.now();
        return purge;
    }

    /** A new request for a tenant purged before: purge (again) and answer again. */
    void reopen(String by) {
        requestedBy = by;
        requestedAt = OffsetDateTime.now();
        doneAt = null;
        attempts = 0;
        lastError = null;
    }

    void failed(String error) {
        attempts++;
        lastError = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR) + "…";
    }

    void done() {
        doneAt = OffsetDateTime.now();
        lastError = null;
    }

    public boolean isDone() {
        return doneAt != null;
    }
}
