package io.cloudunit.tenant.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.crypto.AEADBadTagException;

import io.cloudunit.platform.crypto.KeyRing;

/**
 * Config values sealed with AES-256-GCM under a ring of keys ({@link KeyRing}): new values are sealed with the
 * active key, values sealed with any key of the ring can be opened, so adding a key and making it active keeps
 * old rows readable until they are re-encrypted. Each value is bound to its address. Thread-safe.
 */
public class ConfigCipher {
    private static final String HOW_TO_SET = "generate a key with 'openssl rand -base64 32' and set "
            + "cloudunit.tenant.config-encryption.keys.<id>=<key> and "
            + "cloudunit.tenant.config-encryption.active-key=<id>";

    private final KeyRing ring;

    private ConfigCipher(KeyRing ring) {
        this.ring = ring;
    }

    /**
     * The cipher for the configured keys (id → base64 of 32 bytes); refuses a missing active key or a
     * malformed key with a message saying how to fix it (naming key ids, never key material).
     */
    public static ConfigCipher of(Map<String, String> base64Keys, String activeKeyId) {
        return new ConfigCipher(KeyRing.of(base64Keys, activeKeyId, "config vars", HOW_TO_SET));
    }

    public String activeKeyId() {
        return ring.activeKeyId();
    }

    /** Ids of the keys that can open values but no longer seal new ones. */
    public Set<String> retiredKeyIds() {
        Set<String> retired = new TreeSet<>(ring.keyIds());
        retired.remove(ring.activeKeyId());
        return retired;
    }

    public Set<String> keyIds() {
        return ring.keyIds();
    }

    /** Seals {@code value} with the active key and a fresh random nonce, bound to {@code address}. */
    public SealedValue seal(ConfigVarAddress address, String value) {
        KeyRing.Sealed sealed = ring.seal(value.getBytes(StandardCharsets.UTF_8), address.associatedData());
        return new SealedValue(sealed.keyId(), sealed.nonce(), sealed.ciphertext());
    }

    /** Opens a value sealed for {@code address}; fails when its key is unknown or it was altered or moved. */
    public String open(ConfigVarAddress address, SealedValue sealed) {
        if (!ring.knows(sealed.keyId())) {
            throw new ConfigDecryptionException("config var " + address + " is encrypted with key '" + sealed.keyId()
                    + "', which is not configured (cloudunit.tenant.config-encryption.keys has " + ring.keyIds() + ")");
        }
        try {
            byte[] plain = ring.open(new KeyRing.Sealed(sealed.keyId(), sealed.nonce(), sealed.ciphertext()),
                    address.associatedData());
            return new String(plain, StandardCharsets.UTF_8);
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
}
