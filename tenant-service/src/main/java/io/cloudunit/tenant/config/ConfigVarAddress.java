package io.cloudunit.tenant.config;

import java.nio.charset.StandardCharsets;

/**
 * Where a config var lives: its app and its name. Bound to the ciphertext as associated data, so a
 * value copied to another row (another var, app or tenant) fails to decrypt instead of leaking there.
 */
public record ConfigVarAddress(String tenant, String app, String name) {
    // Versioned, and separated by a character none of the parts may contain, so that two addresses never
    // encode to the same bytes.
    private static final String CONTEXT = "cloudunit/config-var/v1";

    byte[] associatedData() {
        return String.join("\n", CONTEXT, tenant, app, name).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return tenant + "/" + app + "/" + name;
    }
}
