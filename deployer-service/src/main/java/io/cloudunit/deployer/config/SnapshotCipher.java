package io.cloudunit.deployer.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * AES-256-GCM over a release's config snapshot (the app's vars as one JSON object), under a ring of keys: new
 * snapshots are sealed with the active key, any key of the ring opens. The associated data binds a snapshot to its
 * tenant and app, so a snapshot copied to another app fails to open; copying it to another release of the same app
 * is what a rollback does. Thread-safe.
 */
public final class SnapshotCipher {
    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOW_TO_SET = "generate a key with 'openssl rand -base64 32' and set "
            + "cloudunit.deployer.config-encryption.keys.<id>=<key> and "
            + "cloudunit.deployer.config-encryption.active-key=<id>";

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    private SnapshotCipher(Map<String, SecretKey> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
    }

    /** Refuses a missing active key or a malformed key, naming key ids and never key material. */
    public static SnapshotCipher of(Map<String, String> base64Keys, String activeKeyId) {
        if (activeKeyId == null || activeKeyId.isBlank()) {
            throw new IllegalStateException("no key to encrypt release config snapshots with: " + HOW_TO_SET);
        }
        if (!base64Keys.containsKey(activeKeyId)) {
            throw new IllegalStateException("the active config encryption key '" + activeKeyId + "' is not among "
                    + "the configured keys " + base64Keys.keySet() + ": " + HOW_TO_SET);
        }
        Map<String, SecretKey> keys = new TreeMap<>();
        base64Keys.forEach((id, base64) -> keys.put(id, decode(id, base64)));
        return new SnapshotCipher(Map.copyOf(keys), activeKeyId);
    }

    public SealedSnapshot seal(String tenant, String app, Map<String, String> vars) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] plain = JSON.writeValueAsBytes(new TreeMap<>(vars));
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), nonce, tenant, app);
            return new SealedSnapshot(activeKeyId, nonce, cipher.doFinal(plain));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("config vars cannot be written as JSON", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    public Map<String, String> open(String tenant, String app, SealedSnapshot sealed) {
        SecretKey key = keys.get(sealed.keyId());
        String what = "the config snapshot of a release of " + tenant + "/" + app;
        if (key == null) {
            throw new IllegalStateException(what + " is sealed with key '" + sealed.keyId() + "', which is not "
                    + "configured (cloudunit.deployer.config-encryption.keys has " + keys.keySet() + ")");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, sealed.nonce(), tenant, app);
            return JSON.readValue(cipher.doFinal(sealed.ciphertext()), new TypeReference<TreeMap<String, String>>() {
            });
        } catch (AEADBadTagException e) {
            throw new IllegalStateException(what + " does not authenticate under key '" + sealed.keyId()
                    + "': its row was altered or copied from another app");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(what + " cannot be opened with key '" + sealed.keyId() + "': "
                    + e.getClass().getSimpleName());
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String tenant, String app)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(("cloudunit/release-config/v1\n" + tenant + "\n" + app).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static SecretKey decode(String id, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("config encryption key '" + id + "' is not valid base64: " + HOW_TO_SET);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("config encryption key '" + id + "' has " + bytes.length
                    + " bytes, AES-256 needs " + KEY_BYTES + ": " + HOW_TO_SET);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
