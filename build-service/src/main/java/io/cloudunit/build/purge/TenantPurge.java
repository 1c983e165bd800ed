package io.cloudunit.build.purge;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant whose deletion was requested: pending until everything of it is gone, then done. */
@Entity
@Table(name = "tenant_purge")
public class TenantPurge {
    private static final int MAX_ERROR = 2000;

    @Id
    private String tenant;
    @Column(name = "requested_by")
    private String requestedBy;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "done_at")
    private Instant doneAt;
    private int attempts;
    @Column(name = "last_error")
    private String lastError;

    protected TenantPurge() {
    }

    static TenantPurge requested(String tenant, String requestedBy) {
        TenantPurge purge = new TenantPurge();
        purge.tenant = tenant;
        purge.requestedBy = requestedBy;
        purge.requestedAt = now();
        return purge;
    }

    /** A new request for a tenant purged before: purge (again) and answer again. */
    void reopen(String by) {
        requestedBy = by;
        requestedAt = now();
        doneAt = null;
        attempts = 0;
        lastError = null;
    }

    void failed(String error) {
        attempts++;
        lastError = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR) + "…";
    }

    void done() {
        doneAt = now();
        lastError = null;
    }

    public boolean isDone() {
        return doneAt != null;
    }

    public String tenant() {
        return tenant;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
