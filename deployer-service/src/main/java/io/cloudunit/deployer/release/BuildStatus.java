package io.cloudunit.deployer.release;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The last status build.* events told of one build: enough to refuse deploying a build that did not succeed. */
@Entity
@Table(name = "build_status")
public class BuildStatus {
    public static final String SUCCEEDED = "succeeded";

    @Id
    @Column(name = "build_id")
    public UUID buildId;
    public String tenant;
    public String app;
    public long number;
    public String status;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public boolean succeeded() {
        return SUCCEEDED.equals(status);
    }
}
