package io.cloudunit.deployer.release;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A numbered, immutable pairing of a build's image with what it needs to run (v1, v2 …). */
@Entity
@Table(name = "release")
public class Release {
    @Id
    public UUID id;
    public String tenant;
    public String app;
    public int version;
    @Column(name = "build_id")
    public UUID buildId;
    public String image;
    public String reason;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static Release of(String tenant, String app, int version, UUID buildId, String image, String reason) {
        Release release = new Release();
        release.id = UUID.randomUUID();
        release.tenant = tenant;
        release.app = app;
        release.version = version;
        release.buildId = buildId;
        release.image = image;
        release.reason = reason;
        release.createdAt = OffsetDateTime.now();
        return release;
    }
}
