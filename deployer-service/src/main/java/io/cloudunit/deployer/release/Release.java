package io.cloudunit.deployer.release;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.cloudunit.deployer.config.SealedSnapshot;

/**
 * A numbered, immutable pairing of a build's image with what it needs to run (v1, v2 …): the app's config vars at
 * the time (sealed, ADR 0022) and the container resources. Releases made before these were kept have neither: they
 * run without config vars and with the app's current resources.
 */
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
    @Column(name = "build_number")
    public Long buildNumber;
    public String image;
    public String reason;
    /** Username of who caused it; null for a build (the build's own event names nobody) and older releases. */
    public String actor;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "config_key_id")
    public String configKeyId;
    @Column(name = "config_nonce")
    public byte[] configNonce;
    @Column(name = "config_sealed")
    public byte[] configSealed;
    @Column(name = "memory_mb")
    public Integer memoryMb;
    public Double cpus;
    /** The version this release rolled back to, when it is a rollback. */
    @Column(name = "rolled_back_from")
    public Integer rolledBackFrom;
    /** When the deployer found the image gone from the engine; such a release cannot run again. */
    @Column(name = "image_gone_at")
    public OffsetDateTime imageGoneAt;
    /** Made by the platform after a failed rollout (ADR 0027); when it fails too, nothing rolls back again. */
    @Column(name = "automatic_rollback")
    public boolean automaticRollback;

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

    /** The next release of the same app, running this one's build (and image); config and resources set apart. */
    public Release next(int nextVersion, String why, String by) {
        Release next = of(tenant, app, nextVersion, buildId, image, why);
        next.buildNumber = buildNumber;
        next.actor = by;
        return next;
    }

    public Release withConfig(SealedSnapshot sealed) {
        configKeyId = sealed.keyId();
        configNonce = sealed.nonce();
        configSealed = sealed.ciphertext();
        return this;
    }

    public SealedSnapshot config() {
        return configSealed == null ? null : new SealedSnapshot(configKeyId, configNonce, configSealed);
    }

    public Release withResources(int memory, double cpuShare) {
        memoryMb = memory;
        cpus = cpuShare;
        return this;
    }

    /** "b3" for build 3; the build id where the number was not kept. */
    public String buildLabel() {
        return buildNumber == null ? "build " + buildId : "build b" + buildNumber;
    }
}
