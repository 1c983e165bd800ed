package io.cloudunit.deployer.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.AEADBadTagException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudunit.platform.crypto.KeyRing;

/**
 * A release's config snapshot (the app's vars as one JSON object) sealed with AES-256-GCM under a ring of keys
 * ({@link KeyRing}): new snapshots are sealed with the active key, any key of the ring opens. The associated data
 * binds a snapshot to its tenant and app, so a snapshot copied to another app fails to open; copying it to another
 * release of the same app is what a rollback does. Thread-safe.
 */
public final class SnapshotCipher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOW_TO_SET = "generate a key with 'openssl rand -base64 32' and set "
            + "cloudunit.deployer.config-encryption.keys.<id>=<key> and "
            + "cloudunit.deployer.config-encryption.active-key=<id>";

    private final KeyRing ring;

    private SnapshotCipher(KeyRing ring) {
        this.ring = ring;
    }

    /** Refuses a missing active key or a malformed key, naming key ids and never key material. */
    public static SnapshotCipher of(Map<String, String> base64Keys, String activeKeyId) {
        return new SnapshotCipher(KeyRing.of(base64Keys, activeKeyId, "release config snapshots", HOW_TO_SET));
    }

    public SealedSnapshot seal(String tenant, String app, Map<String, String> vars) {
        try {
            KeyRing.Sealed sealed = ring.seal(JSON.writeValueAsBytes(new TreeMap<>(vars)), associatedData(tenant, app));
            return new SealedSnapshot(sealed.keyId(), sealed.nonce(), sealed.ciphertext());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("config vars cannot be written as JSON", e);
        }
    }

    public Map<String, String> open(String tenant, String app, SealedSnapshot sealed) {
        String what = "the config snapshot of a release of " + tenant + "/" + app;
        if (!ring.knows(sealed.keyId())) {
            throw new IllegalStateException(what + " is sealed with key '" + sealed.keyId() + "', which is not "
                    + "configured (cloudunit.deployer.config-encryption.keys has " + ring.keyIds() + ")");
        }
        try {
            byte[] plain = ring.open(new KeyRing.Sealed(sealed.keyId(), sealed.nonce(), sealed.ciphertext()),
                    associatedData(tenant, app));
            return JSON.readValue(plain, new TypeReference<TreeMap<String, String>>() {
            });
        } catch (AEADBadTagException e) {
            throw new IllegalStateException(what + " does not authenticate under key '" + sealed.keyId()
                    + "': its row was altered or copied from another app");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(what + " cannot be opened with key '" + sealed.keyId() + "': "
                    + e.getClass().getSimpleName());
        }
    }

    private static byte[] associatedData(String tenant, String app) {
        return ("cloudunit/release-config/v1\n" + tenant + "\n" + app).getBytes(StandardCharsets.UTF_8);
    }
}
