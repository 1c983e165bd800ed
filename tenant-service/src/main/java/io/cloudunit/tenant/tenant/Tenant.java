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

    public static Tenant of(String name, String displayName, String createdBy, OffsetDateTime createdAt) {
        Tenant tenant = new Tenant();
        tenant.name = name;
        tenant.displayName = displayName;
        tenant.createdBy = createdBy;
        tenant.createdAt = createdAt;
        return tenant;
    }
}
