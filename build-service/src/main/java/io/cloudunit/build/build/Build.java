package io.cloudunit.build.build;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One build of one app: a numbered attempt to turn an artifact into an image. */
@Entity
@Table(name = "build")
public class Build {
    @Id
    private UUID id;
    private String tenant;
    private String app;
    private long number;
    private String stack;
    @Column(name = "artifact_sha256")
    private String artifactSha256;
    @Enumerated(EnumType.STRING)
    private BuildStatus status;
    private String image;
    @Column(name = "image_id")
    private String imageId;
    private String reason;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "java_version")
    private Integer javaVersion;
    @Column(name = "image_removed_at")
    private Instant imageRemovedAt;

    protected Build() {
    }

    public static Build queued(String tenant, String app, long number, String stack, String artifactSha256) {
        Build build = new Build();
        build.id = UUID.randomUUID();
        build.tenant = tenant;
        build.app = app;
        build.number = number;
        build.stack = stack;
        build.artifactSha256 = artifactSha256;
        build.status = BuildStatus.QUEUED;
        build.createdAt = now();
        return build;
    }

    /** Same, for a build whose image runs on this Java (17 or 25), chosen at upload; null for no JVM of ours. */
    public static Build queued(String tenant, String app, long number, String stack, String artifactSha256,
            Integer javaVersion) {
        Build build = queued(tenant, app, number, stack, artifactSha256);
        build.javaVersion = javaVersion;
        return build;
    }

    public void start() {
        requireStatus(BuildStatus.QUEUED);
        status = BuildStatus.RUNNING;
        startedAt = now();
    }

    public void succeed(String image, String imageId) {
        requireStatus(BuildStatus.RUNNING);
        this.status = BuildStatus.SUCCEEDED;
        this.image = image;
        this.imageId = imageId;
        this.finishedAt = now();
    }

    public void fail(String reason) {
        requireStatus(BuildStatus.RUNNING);
        this.status = BuildStatus.FAILED;
        this.reason = reason;
        this.finishedAt = now();
    }

    /** A queued build that will never start, or a running one that was stopped. */
    public void cancel(String reason) {
        if (status != BuildStatus.RUNNING) {
            requireStatus(BuildStatus.QUEUED);
        }
        this.status = BuildStatus.CANCELED;
        this.reason = reason;
        this.finishedAt = now();
    }

    /** The image tag of this build, {@code cloudunit/<tenant>/<app>:b<number>}. */
    public String imageTag() {
        return "cloudunit/" + tenant + "/" + app + ":b" + number;
    }

    private void requireStatus(BuildStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("build " + id + " is " + status + ", not " + expected);
        }
    }

    /** Microseconds: what PostgreSQL keeps, so a read-back value equals the written one. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public UUID id() {
        return id;
    }

    public String tenant() {
        return tenant;
    }

    public String app() {
        return app;
    }

    public long number() {
        return number;
    }

    public String stack() {
        return stack;
    }

    public String artifactSha256() {
        return artifactSha256;
    }

    public BuildStatus status() {
        return status;
    }

    public String image() {
        return image;
    }

    public String imageId() {
        return imageId;
    }

    public String reason() {
        return reason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Integer javaVersion() {
        return javaVersion;
    }

    /** When image retention removed this build's image; null while it is on the engine. */
    public Instant imageRemovedAt() {
        return imageRemovedAt;
    }
}
