package io.cloudunit.deployer.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.cloudunit.deployer.DeployerConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Builds the cipher from {@code cloudunit.deployer.config-encryption}. Only the dev and test profiles carry a key:
 * anywhere else the deployer refuses to start until one is configured, rather than seal with a key everybody knows.
 */
@ApplicationScoped
public class SnapshotCipherProducer {

    @Produces
    @Singleton
    SnapshotCipher cipher(DeployerConfig config) {
        DeployerConfig.ConfigEncryption encryption = config.configEncryption();
        return SnapshotCipher.of(encryption.keys(), encryption.activeKey().orElse(null));
    }

    // Asking for the cipher at start makes a missing or malformed key fail the start, not the first release.
    void checkAtStart(@Observes StartupEvent ignored, SnapshotCipher cipher) {
    }
}
