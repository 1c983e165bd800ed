package io.cloudunit.tenant.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.cloudunit.tenant.TenantServiceConfig;

/**
 * Builds the cipher from {@code cloudunit.tenant.config-encryption}. Only the dev and test profiles carry
 * a key: anywhere else the service refuses to start until one is configured (see {@link ConfigKeyRotation},
 * which asks for the cipher at startup), rather than encrypt with a key everybody knows.
 */
@ApplicationScoped
public class ConfigCipherProducer {

    @Produces
    @Singleton
    ConfigCipher cipher(TenantServiceConfig config) {
        TenantServiceConfig.ConfigEncryption encryption = config.configEncryption();
        return ConfigCipher.of(encryption.keys(), encryption.activeKey().orElse(null));
    }
}
