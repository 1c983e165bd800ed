package io.cloudunit.gateway;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of the api-gateway and its app router. */
@ConfigMapping(prefix = "cloudunit.gateway")
public interface GatewayConfig {

    /** tenant-service: /me, tenants, members, quotas, apps, config. */
    @WithDefault("http://127.0.0.1:8082")
    URI tenantServiceUrl();

    /** build-service: …/apps/{a}/builds and below. */
    @WithDefault("http://127.0.0.1:8083")
    URI buildServiceUrl();

    /** deployer-service: releases, rollback, deployments, actions, instances, logs, stats; route snapshot. */
    @WithDefault("http://127.0.0.1:8084")
    URI deployerServiceUrl();

    /** How long a caller's memberships (from tenant-service /api/v1/me) are trusted without asking again. */
    @WithDefault("60s")
    Duration membershipTtl();

    /** Time allowed to open a connection to a service or an app instance before it counts as unavailable. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Most connections kept per upstream service or app instance (SSE streams each hold one). */
    @WithDefault("500")
    int maxConnectionsPerUpstream();

    /** Events replayed to a new SSE subscriber that gives neither Last-Event-ID nor ?after. */
    @WithDefault("100")
    int replayDefault();

    /** Most stored events replayed to one SSE subscriber, and most returned by /events/history. */
    @WithDefault("1000")
    int replayMax();

    /** Interval of the SSE comment that keeps idle connections (and the proxies between) open. */
    @WithDefault("15s")
    Duration sseHeartbeat();

    /** Live events a slow SSE subscriber may lag behind before it is disconnected (it resumes with Last-Event-ID). */
    @WithDefault("10000")
    int sseBuffer();

    /**
     * Longest time an event waits for one it follows (same source, lower sequence; or named in its
     * {@code after}) before it is streamed anyway.
     */
    @WithDefault("5s")
    Duration eventOrderBound();

    /**
     * How often the services' OpenAPI documents (the merged public document and each route's least role)
     * are fetched again.
     */
    @WithDefault("60s")
    Duration openapiRefresh();

    /** Port of the app router; 0 picks a free port (tests). */
    @WithDefault("8081")
    int routerPort();

    /** Address the app router binds. */
    @WithDefault("127.0.0.1")
    String routerHost();

    /** Apps are served at {@code <app>-<tenant>.<apps-domain>}. */
    @WithDefault("apps.localhost")
    String appsDomain();

    /** Longest wait between two attempts to load the route snapshot from deployer-service at startup. */
    @WithDefault("15s")
    Duration routeSnapshotMaxBackoff();

    /** Token buckets in front of every authenticated {@code /api} call (see package {@code ratelimit}). */
    RateLimit rateLimit();

    /** The audit log of mutating calls (see package {@code audit}). */
    Audit audit();

    interface RateLimit {
        /** Calls per second one caller (token {@code sub}) may make, sustained. */
        @WithDefault("20")
        double perCaller();

        /** Calls one caller may make at once after being idle. */
        @WithDefault("40")
        int perCallerBurst();

        /** Calls per second all the members of one tenant may make on its paths together, sustained. */
        @WithDefault("50")
        double perTenant();

        /** Calls on one tenant's paths at once after it was idle. */
        @WithDefault("100")
        int perTenantBurst();
    }

    interface Audit {
        /**
         * Audit rows of refused calls that may wait to be written; beyond that they are dropped (and counted in
         * the log) so that a flood of refused calls never delays the rows of calls that reached a service.
         */
        @WithDefault("1000")
        int deniedBacklog();

        /** Audit rows of calls that reached a service that may wait to be written before they are dropped. */
        @WithDefault("10000")
        int backlog();

        /** Most entries one {@code GET /api/v1/tenants/{t}/audit} returns. */
        @WithDefault("500")
        int pageMax();
    }
}
