package io.cloudunit.tenant;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of tenant-service. */
@ConfigMapping(prefix = "cloudunit.tenant")
public interface TenantServiceConfig {

    /** Most tenants one user may own; creating one more answers 409. */
    @WithDefault("10")
    int maxTenantsPerUser();

    /** Domain under which the router serves apps: {@code http://<app>-<tenant>.<apps-domain>:<router-port>/}. */
    @WithDefault("apps.localhost")
    String appsDomain();

    /** Port of the router that serves apps (part of each app's URL). */
    @WithDefault("8081")
    int routerPort();

    /**
     * The limits of the plan {@code default}: tenants without a plan of their own get them. Written to the
     * table of plans at every start (ADR 0015); the other plans are managed with {@code PUT /api/v1/plans/{name}}.
     */
    Quota quota();

    /** Where new members are looked up: Keycloak's admin API, with tenant-service's own client. */
    Keycloak keycloak();

    interface Quota {
        /** Most apps in a tenant; creating one more answers 409. */
        @WithDefault("10")
        int maxApps();

        /** Most instances a tenant's apps may ask for (sum of their replicas); more answers 409. */
        @WithDefault("20")
        int maxInstances();

        /** Most memory, in MB, a tenant's apps may ask for (sum of replicas × memoryMb); more answers 409. */
        @WithDefault("4096")
        int totalMemoryMb();

        /** Builds of one tenant running at the same time (carried in quota.changed for build-service). */
        @WithDefault("2")
        int maxConcurrentBuilds();

        /** Largest artifact, in MB, a tenant may upload (carried in quota.changed for build-service). */
        @WithDefault("256")
        int maxArtifactMb();

        /** Most config vars of one app; a change that would add vars beyond it answers 409. */
        @WithDefault("100")
        int maxConfigVars();
    }

    /** How a tenant's deletion is carried out (ADR 12, ADR 13). */
    Deletion deletion();

    interface Deletion {
        /**
         * The services that hold data of tenants: each must answer {@code tenant.purged} before the tenant is
         * gone and {@code tenant.deleted} is emitted. A new such service must be added here.
         */
        @WithDefault("build-service,deployer-service")
        List<String> participants();

        /** When answers are still missing this long after {@code tenant.deletion-requested}, it is emitted again. */
        @WithDefault("2m")
        Duration askAgainAfter();

        /** How often the tenants being deleted are checked (complete? ask again?), besides each answer. */
        @WithDefault("30s")
        Duration checkInterval();
    }

    /** The keys that encrypt config vars at rest (AES-256-GCM, see ADR 0010). */
    ConfigEncryption configEncryption();

    interface ConfigEncryption {
        /**
         * Key id → base64 of 32 random bytes ({@code openssl rand -base64 32}). Keep every key that still
         * seals rows: a value whose key is gone cannot be read.
         */
        Map<String, String> keys();

        /**
         * Id (in {@code keys}) of the key new values are sealed with; rows under the other keys are re-encrypted
         * with it after each start. No default: outside the dev and test profiles the service refuses to start
         * until it is set.
         */
        Optional<String> activeKey();
    }

    /** Tokens for CLI and CI: one Keycloak client each, a member of one tenant (ADR 0016). */
    Tokens tokens();

    interface Tokens {
        /**
         * Lifetime of each access token a tenant token's client gets from Keycloak: the longest a JWT of a revoked
         * token stays valid for the services that do not look its membership up.
         */
        @WithDefault("5m")
        Duration accessTokenLifespan();

        /** Days a token lives when the request does not say ({@code expiresInDays}). */
        @WithDefault("90")
        int defaultExpiresInDays();

        /** Most days a token may live. */
        @WithDefault("365")
        int maxExpiresInDays();

        /**
         * Where a token's client credentials are exchanged for an access token, as the token's user reaches
         * Keycloak (its public URL, not the back channel); shown with the new secret.
         */
        @WithDefault("${quarkus.oidc.auth-server-url}/protocol/openid-connect/token")
        String tokenUrl();

        /**
         * How often expired tokens are revoked (their Keycloak client deleted). Their membership lapses at the
         * expiry anyway; the scheduler reads {@code cloudunit.tenant.tokens.expiry-check}.
         */
        @WithDefault("60s")
        String expiryCheck();
    }

    interface Keycloak {
        /** Base URL of Keycloak (without {@code /realms/...}). */
        @WithDefault("http://127.0.0.1:8180")
        URI url();

        /** The realm whose users can become members. */
        @WithDefault("cloudunit")
        String realm();

        /**
         * Confidential client of tenant-service (client credentials); its service account needs the
         * realm-management roles {@code view-users} and {@code query-users} (members) and {@code manage-clients}
         * (tokens).
         */
        @WithDefault("cloudunit-tenant-service")
        String clientId();

        /** Secret of {@link #clientId()}; the default is the development realm's. */
        @WithDefault("cloudunit-tenant-service-dev-secret")
        String clientSecret();

        /** Longest wait for Keycloak to connect or to answer; after that adding a member answers 503. */
        @WithDefault("5s")
        Duration timeout();

        /** The service token is renewed this long before it expires, so that it never expires in flight. */
        @WithDefault("30s")
        Duration tokenRenewalMargin();
    }
}
