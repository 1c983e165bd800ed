package io.cloudunit.tenant.config;

/**
 * An encrypted config value as stored: the id of the key that sealed it, the 96-bit nonce used once
 * for it, and the AES-GCM ciphertext with its 128-bit tag.
 */
public record SealedValue(String keyId, byte[] nonce, byte[] ciphertext) {
}
