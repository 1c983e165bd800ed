package io.cloudunit.platform.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under a ring of keys (ADR 10): data is sealed with the active key and a fresh random nonce, and
 * opens with whichever key of the ring sealed it, so that a new active key leaves older rows readable. The
 * associated data binds a sealed value to where it belongs (a copy elsewhere does not open). Thread-safe.
 */
public final class KeyRing {
    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    /** What was sealed, with the id of the key that opens it. */
    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    }

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    private KeyRing(Map<String, SecretKey> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
    }

    /**
     * The ring of the configured keys (id → base64 of 32 bytes); refuses a missing active key or a malformed key,
     * naming key ids and never key material, and ending with {@code howToSet}. {@code what} names what the keys
     * protect, as in "no key to encrypt {@code what} with".
     */
    public static KeyRing of(Map<String, String> base64Keys, String activeKeyId, String what, String howToSet) {
        if (activeKeyId == null || activeKeyId.isBlank()) {
            throw new IllegalStateException("no key to encrypt " + what + " with: " + howToSet);
        }
        if (!base64Keys.containsKey(activeKeyId)) {
            throw new IllegalStateException("the active config encryption key '" + activeKeyId + "' is not among "
                    + "the configured keys " + base64Keys.keySet() + ": " + howToSet);
        }
        Map<String, SecretKey> keys = new TreeMap<>();
        base64Keys.forEach((id, base64) -> keys.put(id, decode(id, base64, howToSet)));
        return new KeyRing(Map.copyOf(keys), activeKeyId);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Set<String> keyIds() {
        return new TreeSet<>(keys.keySet());
    }

    public boolean knows(String keyId) {
        return keys.containsKey(keyId);
    }

    public Sealed seal(byte[] plain, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            return new Sealed(activeKeyId, nonce,
                    cipher(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), nonce, associatedData).doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * The plain bytes; {@link javax.crypto.AEADBadTagException} when the data was altered or sealed for other
     * associated data. The caller checks {@link #knows} first.
     */
    public byte[] open(Sealed sealed, byte[] associatedData) throws GeneralSecurityException {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalArgumentException("unknown key '" + sealed.keyId() + "'");
        }
        return cipher(Cipher.DECRYPT_MODE, key, sealed.nonce(), associatedData).doFinal(sealed.ciphertext());
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, byte[] associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData);
        return cipher;
    }

    private static SecretKey decode(String id, String base64, String howToSet) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("config encryption key '" + id + "' is not valid base64: " + howToSet);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("config encryption key '" + id + "' has " + bytes.length
                    + " bytes, AES-256 needs " + KEY_BYTES + ": " + howToSet);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
