package io.cloudunit.deployer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The sealing of release config snapshots (ADR 0022), without a container or a database. */
class SnapshotCipherTest {
    static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    static final String K2 = Base64.getEncoder().encodeToString(filled((byte) 7));

    @Test
    void aSnapshotOpensForItsAppOnlyAndHidesItsValues() {
        SnapshotCipher cipher = SnapshotCipher.of(Map.of("k1", K1), "k1");
        Map<String, String> vars = Map.of("DB_PASSWORD", "s3cret", "EMPTY", "");
        SealedSnapshot sealed = cipher.seal("acme", "shop", vars);

        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(new String(sealed.ciphertext())).doesNotContain("s3cret");
        assertThat(cipher.open("acme", "shop", sealed)).isEqualTo(vars);
        assertThat(cipher.seal("acme", "shop", vars).nonce()).isNotEqualTo(sealed.nonce());
        assertThatThrownBy(() -> cipher.open("acme", "other", sealed)).hasMessageContaining("does not authenticate");
        assertThatThrownBy(() -> cipher.open("globex", "shop", sealed)).hasMessageContaining("does not authenticate");
    }

    @Test
    void oldKeysStillOpenAndMissingOrBadKeysAreNamed() {
        SealedSnapshot underK1 = SnapshotCipher.of(Map.of("k1", K1), "k1").seal("acme", "shop", Map.of("A", "1"));
        SnapshotCipher rotated = SnapshotCipher.of(Map.of("k1", K1, "k2", K2), "k2");
        assertThat(rotated.open("acme", "shop", underK1)).containsEntry("A", "1");
        assertThat(rotated.seal("acme", "shop", Map.of()).keyId()).isEqualTo("k2");

        SnapshotCipher onlyK2 = SnapshotCipher.of(Map.of("k2", K2), "k2");
        assertThatThrownBy(() -> onlyK2.open("acme", "shop", underK1)).hasMessageContaining("'k1'")
                .hasMessageContaining("not configured");
        assertThatThrownBy(() -> SnapshotCipher.of(Map.of(), null)).hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> SnapshotCipher.of(Map.of("k1", "c2hvcnQ="), "k1")).hasMessageContaining("5 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
    }

    private static byte[] filled(byte value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
