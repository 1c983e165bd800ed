package io.cloudunit.deployer.rollout;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The rollout of one release: PENDING → RUNNING → SUCCEEDED | FAILED. */
@Entity
@Table(name = "deployment")
public class Deployment {
    @Id
    public UUID id;
    public String tenant;
    public String app;
    public int version;
    @Enumerated(EnumType.STRING)
    public DeploymentStatus status;
    @Enumerated(EnumType.STRING)
    public DeploymentKind kind = DeploymentKind.ROLLOUT;
    public String reason;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    public static Deployment pending(String tenant, String app, int version) {
        Deployment deployment = new Deployment();
        deployment.id = UUID.randomUUID();
        deployment.tenant = tenant;
        deployment.app = app;
        deployment.version = version;
        deployment.status = DeploymentStatus.PENDING;
        deployment.createdAt = OffsetDateTime.now();
        return deployment;
    }

    /** A rolling restart of the serving release {@code version}. */
    public static Deployment restart(String tenant, String app, int version) {
        Deployment deployment = pending(tenant, app, version);
        deployment.kind = DeploymentKind.RESTART;
        return deployment;
    }

    void start() {
        status = DeploymentStatus.RUNNING;
        startedAt = OffsetDateTime.now();
    }

    void succeed() {
        status = DeploymentStatus.SUCCEEDED;
        reason = null;
        finishedAt = OffsetDateTime.now();
    }

    void fail(String why) {
        status = DeploymentStatus.FAILED;
        reason = why;
        finishedAt = OffsetDateTime.now();
    }
}
