package io.cloudunit.deployer;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of the deployer ({@code cloudunit.deployer.*}). */
@ConfigMapping(prefix = "cloudunit.deployer")
public interface DeployerConfig {

    /** The Docker engine the deployer drives. */
    @WithDefault("unix:///var/run/docker.sock")
    String dockerHost();

    /**
     * Written as label {@code io.cloudunit.scope} on every container and network this deployer creates; it
     * only ever lists, repairs or removes objects of its own scope, so a test run and a running platform can
     * share one engine without touching each other's containers.
     */
    @WithDefault("cloudunit")
    String scope();

    /** How often the rollout worker looks for PENDING deployments. */
    @WithDefault("250ms")
    Duration rolloutPollInterval();

    /** Rollouts run in parallel for different apps, at most this many at once. */
    @WithDefault("4")
    int maxConcurrentRollouts();

    /** How long a new instance may take to answer its health path before the rollout fails. */
    @WithDefault("120s")
    Duration healthGrace();

    /** Pause between two health probes of a starting instance (each costs a refused connection, at most). */
    @WithDefault("20ms")
    Duration healthPollInterval();

    /**
     * Serving instances are probed every {@code liveness-interval} (on their health path, or TCP); this many failures
     * in a row make one unhealthy (instance.unhealthy, out of the router) until it answers again.
     */
    @WithDefault("3")
    int livenessFailures();

    /** Pause between two liveness probes of every serving instance (see {@link #livenessFailures}). */
    @WithDefault("10s")
    Duration livenessInterval();

    /**
     * An instance that has stayed unhealthy this long (after {@link #livenessFailures} failed probes) and still does
     * not answer is replaced by a new container; 0 never replaces one.
     */
    @WithDefault("60s")
    Duration livenessRestartAfter();

    /** Timeout of one health probe (connect + answer). */
    @WithDefault("1s")
    Duration healthProbeTimeout();

    /**
     * How often the engine is asked whether the images of live apps' releases are still there (ADR 0027): a release
     * whose image was removed behind the platform's back ({@code docker rmi}) shows {@code image-gone} within this.
     */
    @WithDefault("60s")
    Duration imageCheckInterval();

    /** How often the reconciler compares desired and actual state. */
    @WithDefault("5s")
    Duration reconcileInterval();

    /**
     * Pause between announcing that an old instance stops serving (instance.stopped) and stopping it, so the
     * router has switched before the container goes away.
     */
    @WithDefault("2s")
    Duration drainDelay();

    /** Seconds Docker waits after SIGTERM before it kills a stopping container. */
    @WithDefault("10")
    int stopTimeoutSeconds();

    /** Lines of a failed instance's log quoted in the deployment's failure reason. */
    @WithDefault("20")
    int failureLogLines();

    /**
     * Base URL of tenant-service, asked (with the caller's own token) which tenants the caller belongs to and in
     * which role before any tenant route answers.
     */
    @WithDefault("http://127.0.0.1:8082")
    URI tenantServiceUrl();

    /** How long tenant-service may take to answer a membership lookup before the call fails with 503. */
    @WithDefault("5s")
    Duration tenantServiceTimeout();

    /**
     * The deployer's own identity at Keycloak (client credentials grant): its service account has the realm role
     * that opens tenant-service's internal config endpoint (ADR 0022), nothing else.
     */
    Identity identity();

    interface Identity {
        /** Keycloak's token endpoint of the realm. */
        @WithDefault("http://127.0.0.1:8180/realms/cloudunit/protocol/openid-connect/token")
        URI tokenUrl();

        @WithDefault("cloudunit-deployer")
        String clientId();

        /** The development realm's secret; set CLOUDUNIT_DEPLOYER_IDENTITY_CLIENT_SECRET anywhere else. */
        @WithDefault("cloudunit-deployer-dev-secret")
        String clientSecret();

        /** A cached service token is renewed this long before it expires. */
        @WithDefault("30s")
        Duration renewalMargin();
    }

    /**
     * How long making a release may keep asking tenant-service for the app's config vars (with growing pauses)
     * before the event that asked for the release fails (and goes to the dead-letter topic).
     */
    @WithDefault("30s")
    Duration configFetchDeadline();

    /** Keys sealing the config snapshot of each release (AES-256-GCM, ADR 0022). */
    ConfigEncryption configEncryption();

    interface ConfigEncryption {
        /** Key id → base64 of 32 random bytes ({@code openssl rand -base64 32}); keep every key still sealing rows. */
        Map<String, String> keys();

        /**
         * Id (in {@code keys}) of the key new snapshots are sealed with. No default: outside the dev and test
         * profiles the deployer refuses to start until it is set.
         */
        Optional<String> activeKey();
    }

    /** Hardening and resources applied to every app container. */
    Container container();

    /** GET …/logs. */
    Logs logs();

    /** Crash loops (ADR 0025). */
    Crash crash();

    interface Crash {
        /**
         * The reconciler relaunches an instance the engine gave up on this long after the app's first crash within
         * {@link #window()}, twice as long after each further one, at most {@link #backoffMax()}.
         */
        @WithDefault("1s")
        Duration backoffInitial();

        @WithDefault("5m")
        Duration backoffMax();

        /** This many crashes of the serving release within {@link #window()} mark the app crashed. */
        @WithDefault("10")
        int maxCrashes();

        @WithDefault("15m")
        Duration window();

        /**
         * Recorded exits are forgotten this long after they were recorded (checked every
         * {@code crash.prune-interval}); longer than {@link #window()} and than any catch-up after a restart.
         */
        @WithDefault("7d")
        Duration keep();

        /** How often exits recorded longer than {@link #keep()} ago are deleted. */
        @WithDefault("1h")
        Duration pruneInterval();

        /**
         * An exit that a stop signal could have caused (0, 143, 137 without the OOM killer) is held this long before
         * it counts as a crash: when the engine shuts down it stops every container and its event stream ends
         * about a second after the last exit. Exits still held when the engine stops answering were its own.
         */
        @WithDefault("3s")
        Duration engineStopGrace();
    }

    interface Logs {
        /** Lines answered when the request names no {@code tail}. */
        @WithDefault("100")
        int defaultTail();

        /** The largest {@code tail} a request may ask for (more is 422). */
        @WithDefault("10000")
        int maxTail();

        /** Followed logs (SSE) open at once in this deployer; one more is 503 with Retry-After. */
        @WithDefault("16")
        int maxFollowers();

        /** How often a followed log looks for instances that started since (a restart, a scale). */
        @WithDefault("2s")
        Duration rescanInterval();

        /** A comment line sent to a follower after this much silence, so that a gone client is noticed. */
        @WithDefault("15s")
        Duration keepAlive();
    }

    interface Container {
        /** The port every app listens on ({@code $PORT}). */
        @WithDefault("8080")
        int port();

        /** Host address the container port is published on (random host port), the router's fallback path. */
        @WithDefault("127.0.0.1")
        String publishAddress();

        /** Most processes/threads one container may run. */
        @WithDefault("256")
        long pidsLimit();

        /** json-file log rotation: size of one file. */
        @WithDefault("10m")
        String logMaxSize();

        /** json-file log rotation: files kept. */
        @WithDefault("3")
        int logMaxFiles();

        /**
         * CPUs an instance starts with, until it first answers its health check, when it gets the app's own: a JVM's
         * start is CPU-bound, several times slower at 0.5 CPU than at 2 (ADR 32). Never less than the app's, at most
         * the engine's; 0 starts every instance with the app's own.
         */
        @WithDefault("2")
        double startupCpus();

        /**
         * Image of the network sandbox every instance joins: it holds the instance's network namespace on its
         * tenant's bridge and its published port (ADR 33). devstack/base-images builds it offline.
         */
        @WithDefault("cloudunit/sandbox:1")
        String sandboxImage();

        /**
         * Network sandboxes kept ready on each tenant's bridge that has instances: an instance that takes one does
         * not wait for the engine to set up a network (ADR 33). 0 makes each with its instance.
         */
        @WithDefault("2")
        int spareSandboxes();

        /**
         * How long after an instance first answered the spare sandboxes are made up: a moment later than its start
         * and its route, which making a sandbox would slow down on a small machine.
         */
        @WithDefault("1s")
        Duration spareRefillDelay();

        /** Restart policy on-failure: at most this many restarts by the engine. */
        @WithDefault("5")
        int restartMaxRetries();

        /**
         * {@code uid:gid} an app runs as when its image would run it as root, or as a user the engine cannot prove
         * is not root (a name, which the image's own /etc/passwd may map to 0). The base images use it too.
         */
        @WithDefault("10001:10001")
        String nonRootUser();
    }
}
