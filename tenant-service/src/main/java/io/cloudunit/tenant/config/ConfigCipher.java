package io.cloudunit.tenant.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over config values with a ring of keys: new values are sealed with the active key, values
 * sealed with any key of the ring can be opened, so adding a key and making it active keeps old rows
 * readable until they are re-encrypted. Thread-safe.
 */
public class ConfigCipher {
    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final String HOW_TO_SET = "generate a key with 'openssl rand -base64 32' and set "
            + "cloudunit.tenant.config-encryption.keys.<id>=<key> and "
            + "cloudunit.tenant.config-encryption.active-key=<id>";

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    private ConfigCipher(Map<String, SecretKey> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
    }

    /**
     * The cipher for the configured keys (id → base64 of 32 bytes); refuses a missing active key or a
     * malformed key with a message saying how to fix it (naming key ids, never key material).
     */
    public static ConfigCipher of(Map<String, String> base64Keys, String activeKeyId) {
        if (activeKeyId == null || activeKeyId.isBlank()) {
            throw new IllegalStateException("no key to encrypt config vars with: " + HOW_TO_SET);
        }
        if (!base64Keys.containsKey(activeKeyId)) {
            throw new IllegalStateException("the active config encryption key '" + activeKeyId + "' is not among "
                    + "the configured keys " + base64Keys.keySet() + ": " + HOW_TO_SET);
        }
        Map<String, SecretKey> keys = new TreeMap<>();
        base64Keys.forEach((id, base64) -> keys.put(id, decode(id, base64)));
        return new ConfigCipher(Map.copyOf(keys), activeKeyId);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** Ids of the keys that can open values but no longer seal new ones. */
    public Set<String> retiredKeyIds() {
        Set<String> retired = new TreeSet<>(keys.keySet());
        retired.remove(activeKeyId);
        return retired;
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** Seals {@code value} with the active key and a fresh random nonce, bound to {@code address}. */
    public SealedValue seal(ConfigVarAddress address, String value) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), nonce, address);
            return new SealedValue(activeKeyId, nonce, cipher.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Opens a value sealed for {@code address}; fails when its key is unknown or it was altered or moved. */
    public String open(ConfigVarAddress address, SealedValue sealed) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new ConfigDecryptionException("config var " + address + " is encrypted with key '" + sealed.keyId()
                    + "', which is not configured (cloudunit.tenant.config-encryption.keys has " + keys.keySet() + ")");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, sealed.nonce(), address);
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new ConfigDecryptionException("config var " + address + " does not authenticate under key '"
                    + sealed.keyId() + "': its row was altered or copied from another var");
        } catch (GeneralSecurityException e) {
            throw new ConfigDecryptionException("config var " + address + " cannot be decrypted with key '"
                    + sealed.keyId() + "': " + e.getClass().getSimpleName());
        }
    }

    /** The same value sealed again with the active key (key rotation). */
    public SealedValue reseal(ConfigVarAddress address, SealedValue sealed) {
        return seal(address, open(address, sealed));
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, ConfigVarAddress address)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(address.associatedData());
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
