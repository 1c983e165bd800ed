package io.cloudunit.deployer.config;

/** A release's config snapshot as stored: the id of the key that sealed it, its 96-bit nonce, the ciphertext + tag. */
public record SealedSnapshot(String keyId, byte[] nonce, byte[] ciphertext) {
}
