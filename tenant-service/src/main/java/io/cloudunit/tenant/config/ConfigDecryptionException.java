package io.cloudunit.tenant.config;

/** A stored value that cannot be opened; the message names the var and the key, never a value. */
public class ConfigDecryptionException extends RuntimeException {

    public ConfigDecryptionException(String message) {
        super(message);
    }
}
