package io.cloudunit.tenant.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** AES-256-GCM with a key ring, without Quarkus: round trip, tampering, rotation, bad configuration. */
class ConfigCipherTest {
    private static final String OLD_KEY = newKey();
    private static final String NEW_KEY = newKey();
    private static final ConfigVarAddress ADDRESS = new ConfigVarAddress("acme", "shop", "DATABASE_PASSWORD");
    private static final String SECRET = "correct horse battery staple ✓";

    private final ConfigCipher cipher = ConfigCipher.of(Map.of("k1", OLD_KEY), "k1");

    @Test
    void aValueSurvivesTheRoundTripAndIsNotInTheCiphertext() {
        SealedValue sealed = cipher.seal(ADDRESS, SECRET);

        assertEquals("k1", sealed.keyId());
        assertEquals(12, sealed.nonce().length);
        assertEquals(SECRET.getBytes(StandardCharsets.UTF_8).length + 16, sealed.ciphertext().length,
                "GCM adds only its 16-byte tag");
        assertFalse(contains(sealed.ciphertext(), SECRET.getBytes(StandardCharsets.UTF_8)));
        assertEquals(SECRET, cipher.open(ADDRESS, sealed));
        assertEquals("", cipher.open(ADDRESS, cipher.seal(ADDRESS, "")));
    }

    @Test
    void everySealUsesAFreshNonce() {
        SealedValue first = cipher.seal(ADDRESS, SECRET);
        SealedValue second = cipher.seal(ADDRESS, SECRET);

        assertFalse(Arrays.equals(first.nonce(), second.nonce()));
        assertFalse(Arrays.equals(first.ciphertext(), second.ciphertext()));
    }

    @Test
    void aTamperedCiphertextOrNonceFailsWithoutShowingTheValue() {
        SealedValue sealed = cipher.seal(ADDRESS, SECRET);

        byte[] ciphertext = sealed.ciphertext().clone();
        ciphertext[0] ^= 1;
        assertRefused(new SealedValue("k1", sealed.nonce(), ciphertext), ADDRESS, "was altered");

        byte[] nonce = sealed.nonce().clone();
        nonce[11] ^= 1;
        assertRefused(new SealedValue("k1", nonce, sealed.ciphertext()), ADDRESS, "was altered");

        byte[] truncated = Arrays.copyOf(sealed.ciphertext(), sealed.ciphertext().length - 1);
        assertRefused(new SealedValue("k1", sealed.nonce(), truncated), ADDRESS, "was altered");
    }

    @Test
    void aValueMovedToAnotherVarAppOrTenantFails() {
        SealedValue sealed = cipher.seal(ADDRESS, SECRET);

        assertRefused(sealed, new ConfigVarAddress("acme", "shop", "OTHER_NAME"), "copied from another var");
        assertRefused(sealed, new ConfigVarAddress("acme", "blog", "DATABASE_PASSWORD"), "copied from another var");
        assertRefused(sealed, new ConfigVarAddress("globex", "shop", "DATABASE_PASSWORD"), "copied from another var");
    }

    @Test
    void afterRotationOldValuesStayReadableAndAreResealedWithTheNewKey() {
        SealedValue old = cipher.seal(ADDRESS, SECRET);
        ConfigCipher rotated = ConfigCipher.of(Map.of("k1", OLD_KEY, "k2", NEW_KEY), "k2");

        assertEquals(Set.of("k1"), rotated.retiredKeyIds());
        assertEquals(SECRET, rotated.open(ADDRESS, old));
        assertEquals("k2", rotated.seal(ADDRESS, "new").keyId());

        SealedValue resealed = rotated.reseal(ADDRESS, old);
        assertEquals("k2", resealed.keyId());
        ConfigCipher newKeyOnly = ConfigCipher.of(Map.of("k2", NEW_KEY), "k2");
        assertEquals(SECRET, newKeyOnly.open(ADDRESS, resealed));
        assertRefused(newKeyOnly, old, ADDRESS, "key 'k1', which is not configured");
    }

    @Test
    void theSameKeyBytesUnderAnotherIdDoNotOpenAnUnknownId() {
        SealedValue sealed = cipher.seal(ADDRESS, SECRET);
        SealedValue relabelled = new SealedValue("k2", sealed.nonce(), sealed.ciphertext());
        ConfigCipher other = ConfigCipher.of(Map.of("k2", NEW_KEY), "k2");

        assertRefused(other, relabelled, ADDRESS, "was altered");
    }

    @Test
    void theAssociatedDataTellsApartAddressesThatConcatenateAlike() {
        assertFalse(Arrays.equals(new ConfigVarAddress("ab", "c", "X").associatedData(),
                new ConfigVarAddress("a", "bc", "X").associatedData()));
        assertArrayEquals(ADDRESS.associatedData(), new ConfigVarAddress("acme", "shop", "DATABASE_PASSWORD")
                .associatedData());
    }

    @Test
    void aMissingOrMalformedKeyIsRefusedWithWhatToDo() {
        assertConfigRefused(Map.of(), null, "no key to encrypt config vars with", "openssl rand -base64 32");
        assertConfigRefused(Map.of("k1", OLD_KEY), "k9", "the active config encryption key 'k9' is not among",
                "active-key=<id>");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        String message = assertConfigRefused(Map.of("k1", shortKey), "k1", "key 'k1' has 16 bytes, AES-256 needs 32",
                "openssl rand -base64 32");
        assertFalse(message.contains(shortKey), "the key itself is never in a message");
        assertConfigRefused(Map.of("k1", "not base64!"), "k1", "key 'k1' is not valid base64", "openssl");
    }

    private void assertRefused(SealedValue sealed, ConfigVarAddress address, String expected) {
        assertRefused(cipher, sealed, address, expected);
    }

    private static void assertRefused(ConfigCipher cipher, SealedValue sealed, ConfigVarAddress address,
            String expected) {
        ConfigDecryptionException e = assertThrows(ConfigDecryptionException.class, () -> cipher.open(address, sealed));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(address.toString()), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), "the value is never in a message");
    }

    private static String assertConfigRefused(Map<String, String> keys, String active, String... expected) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ConfigCipher.of(keys, active));
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
        return e.getMessage();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
