package io.cloudunit.tenant.config;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One config var of an app, stored encrypted: the key id, nonce and ciphertext, never the plain value. */
@Entity
@Table(name = "config_vars")
public class ConfigVar {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public String app;

    @Column(nullable = false)
    public String name;

    @Column(name = "key_id", nullable = false)
    public String keyId;

    @Column(nullable = false)
    public byte[] nonce;

    @Column(nullable = false)
    public byte[] ciphertext;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static ConfigVar of(ConfigVarAddress address, SealedValue sealed, OffsetDateTime now) {
        ConfigVar row = new ConfigVar();
        row.tenant = address.tenant();
        row.app = address.app();
        row.name = address.name();
        row.store(sealed, now);
        return row;
    }

    public ConfigVarAddress address() {
        return new ConfigVarAddress(tenant, app, name);
    }

    public SealedValue sealed() {
        return new SealedValue(keyId, nonce, ciphertext);
    }

    public void store(SealedValue sealed, OffsetDateTime now) {
        keyId = sealed.keyId();
        nonce = sealed.nonce();
        ciphertext = sealed.ciphertext();
        updatedAt = now;
    }
}
