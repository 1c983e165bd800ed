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

    /** The limits every tenant gets until plans are managed per tenant. */
    Quota quota();

    /** Where new members are looked up: Keycloak's admin API, with tenant-service's own client. */
    Keycloak keycloak();

    interface Quota {
        /** Name of the plan reported by {@code GET /tenants/{t}/quota}. */
        @WithDefault("default")
        String plan();

        /** Most apps in a tenant; enforced when an app is created. */
        @WithDefault("10")
        int maxApps();

        /** Most running instances in a tenant (reported; enforced by the deployer later). */
        @WithDefault("20")
        int maxInstances();

        /** Most memory, in MB, of all running instances of a tenant (reported). */
        @WithDefault("4096")
        int totalMemoryMb();

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

    interface Keycloak {
        /** Base URL of Keycloak (without {@code /realms/...}). */
        @WithDefault("http://127.0.0.1:8180")
        URI url();

        /** The realm whose users can become members. */
        @WithDefault("cloudunit")
        String realm();

        /**
         * Confidential client of tenant-service (client credentials); its service account needs the
         * realm-management roles {@code view-users} and {@code query-users}.
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
