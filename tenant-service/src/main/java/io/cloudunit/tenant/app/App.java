package io.cloudunit.tenant.app;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.cloudunit.platform.events.AppEvent;

/** An app of a tenant: its desired shape, which the deployer makes real. */
@Entity
@Table(name = "apps")
public class App {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String stack;

    @Column(name = "memory_mb", nullable = false)
    public int memoryMb;

    @Column(nullable = false)
    public double cpus;

    @Column(nullable = false)
    public int replicas;

    @Column(name = "health_path")
    public String healthPath;

    /** 17 or 25; null = each build runs on the Java its upload is compiled for (ADR 0020). */
    @Column(name = "java_version")
    public Integer javaVersion;

    /** Roll back automatically when a release never gets healthy (ADR 0027). */
    @Column(name = "auto_rollback", nullable = false)
    public boolean autoRollback;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public static App of(String tenant, String name, AppEvent.Spec spec, OffsetDateTime createdAt) {
        App app = new App();
        app.tenant = tenant;
        app.name = name;
        app.stack = spec.stack();
        app.memoryMb = spec.memoryMb();
        app.cpus = spec.cpus();
        app.replicas = spec.replicas();
        app.healthPath = spec.healthPath();
        app.javaVersion = spec.javaVersion();
        app.autoRollback = spec.rollsBackAutomatically();
        app.createdAt = createdAt;
        return app;
    }

    /** Takes what a PATCH may change: replicas, memory, cpus, the Java version and the rollback choice. */
    public void scaleTo(AppEvent.Spec spec) {
        memoryMb = spec.memoryMb();
        cpus = spec.cpus();
        replicas = spec.replicas();
        javaVersion = spec.javaVersion();
        autoRollback = spec.rollsBackAutomatically();
    }

    public AppEvent.Spec spec() {
        return new AppEvent.Spec(stack, memoryMb, cpus, replicas, healthPath, javaVersion, autoRollback);
    }
}
