package io.cloudunit.deployer.app;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.cloudunit.platform.events.AppEvent;

/** The deployer's copy of an app's desired shape, kept current by app.* events. */
@Entity
@Table(name = "app_spec")
@IdClass(AppSpec.Key.class)
public class AppSpec {
    @Id
    public String tenant;
    @Id
    public String app;
    public String stack;
    @Column(name = "memory_mb")
    public int memoryMb;
    public double cpus;
    public int replicas;
    @Column(name = "health_path")
    public String healthPath;
    public boolean deleted;
    /** Stopped by a lifecycle action: the spec and releases stay, no instance runs (ADR 0023). */
    public boolean stopped;
    /** A release that never gets healthy is followed by a new release of the one that served (ADR 0027). */
    @Column(name = "auto_rollback")
    public boolean autoRollback;
    /** Releases below this version belong to a deleted app of the same name. */
    @Column(name = "first_version")
    public int firstVersion = 1;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    /** When its serving release {@link #crashedVersion} was marked crashed (ADR 0025); null when it is not. */
    @Column(name = "crashed_at")
    public OffsetDateTime crashedAt;
    @Column(name = "crashed_version")
    public Integer crashedVersion;
    /** Exit code or OOM, how often, last log lines. */
    @Column(name = "crash_reason")
    public String crashReason;
    /** Crashes before this (a start or restart forgave them) do not count towards the crash limit. */
    @Column(name = "crashes_counted_from")
    public OffsetDateTime crashesCountedFrom;

    public static AppSpec of(String tenant, String app) {
        AppSpec spec = new AppSpec();
        spec.tenant = tenant;
        spec.app = app;
        spec.updatedAt = OffsetDateTime.now();
        return spec;
    }

    /** Remembers that an app was deleted, even one whose spec never arrived, so its releases never run. */
    public static AppSpec tombstone(String tenant, String app) {
        AppSpec spec = of(tenant, app);
        spec.deleted = true;
        return spec;
    }

    /** A deleted app created again under its old name: the old releases are not its own. */
    public void reincarnate(int latestReleaseVersion) {
        this.firstVersion = latestReleaseVersion + 1;
        this.stopped = false;
    }

    public void apply(AppEvent.Spec spec) {
        this.stack = spec.stack();
        this.memoryMb = spec.memoryMb();
        this.cpus = spec.cpus();
        this.replicas = spec.replicas();
        this.healthPath = spec.healthPath() == null || spec.healthPath().isBlank() ? null : spec.healthPath();
        this.autoRollback = spec.rollsBackAutomatically();
        this.deleted = false;
        this.updatedAt = OffsetDateTime.now();
    }

    /** Whether release {@code version} of this app crashed too often and is not relaunched. */
    public boolean crashedIn(int version) {
        return crashedAt != null && crashedVersion != null && crashedVersion == version;
    }

    public void markCrashed(int version, String reason) {
        this.crashedAt = OffsetDateTime.now();
        this.crashedVersion = version;
        this.crashReason = reason;
    }

    /** A start or restart: the crash state goes and earlier crashes no longer count. Answers whether it was crashed. */
    public boolean forgiveCrashes() {
        boolean was = crashedAt != null;
        this.crashedAt = null;
        this.crashedVersion = null;
        this.crashReason = null;
        this.crashesCountedFrom = OffsetDateTime.now();
        return was;
    }

    public void markDeleted() {
        this.deleted = true;
        this.updatedAt = OffsetDateTime.now();
    }

    public static class Key implements Serializable {
        public String tenant;
        public String app;

        public Key() {
        }

        public Key(String tenant, String app) {
            this.tenant = tenant;
            this.app = app;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenant, k.tenant) && Objects.equals(app, k.app);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenant, app);
        }
    }
}
