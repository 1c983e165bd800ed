package io.cloudunit.tenant.tenant;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A team or customer; its name (a DNS label) is its identity everywhere in the platform. */
@Entity
@Table(name = "tenants")
public class Tenant {
    @Id
    public String name;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** Set when an owner asked to delete the tenant (ADR 12): from then on nothing new is accepted for it. */
    @Column(name = "deletion_requested_at")
    public OffsetDateTime deletionRequestedAt;

    @Column(name = "deletion_requested_by")
    public String deletionRequestedBy;

    /** When {@code tenant.deletion-requested} was last emitted (asked again when answers stay missing). */
    @Column(name = "deletion_announced_at")
    public OffsetDateTime deletionAnnouncedAt;

    public boolean beingDeleted() {
        return deletionRequestedAt != null;
    }

    /** Set while a platform admin has the tenant suspended (ADR 14), with who did it and why; null otherwise. */
    @Column(name = "suspended_at")
    public OffsetDateTime suspendedAt;

    @Column(name = "suspended_by")
    public String suspendedBy;

    @Column(name = "suspension_reason")
    public String suspensionReason;

    public boolean isSuspended() {
        return suspendedAt != null;
    }

    public static Tenant of(String name, String displayName, String createdBy, OffsetDateTime createdAt) {
        Tenant tenant = new Tenant();
        tenant.name = name;
        tenant.displayName = displayName;
        tenant.createdBy = createdBy;
        tenant.createdAt = createdAt;
        return tenant;
    }
}
