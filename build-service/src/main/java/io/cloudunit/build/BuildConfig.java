package io.cloudunit.build;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Every setting of the build-service ({@code cloudunit.build.*}). */
@ConfigMapping(prefix = "cloudunit.build")
public interface BuildConfig {

    /** Base URL of tenant-service, asked for the app (and whether the caller may see it) on every call. */
    @WithDefault("http://127.0.0.1:8082")
    URI tenantServiceUrl();

    /** How long tenant-service may take to answer an app lookup before the call fails with 503. */
    @WithDefault("5s")
    Duration tenantServiceTimeout();

    /**
     * Where artifacts ({@code artifacts/<sha256>}), uploads in progress and build contexts live. A relative
     * path is resolved against the working directory once, at startup.
     */
    @WithDefault("data")
    Path dataDir();

    /**
     * Largest artifact this service accepts from anyone, in MiB, whatever the tenant's plan says: the outer bound
     * (also the HTTP body limit of the service). Each tenant is held to the smaller of this and its plan's
     * {@code maxArtifactMb}.
     */
    @WithDefault("256")
    int maxArtifactMb();

    /**
     * The build limits of tenant-service's plan {@code default}, for tenants that never had a {@code quota.changed}
     * (tenant creation emits none): must be the default plan's values, i.e. tenant-service's
     * {@code cloudunit.tenant.quota.max-concurrent-builds} and {@code …max-artifact-mb}, which these keys follow when
     * set (ADR 0018).
     */
    DefaultPlan defaultPlan();

    /** How often the worker looks for queued builds (it also looks right after an upload). */
    @WithDefault("250ms")
    Duration pollInterval();

    /**
     * How often pending tenant purges are retried (a purge also starts right after its tenant.deletion-requested
     * and at startup); a purge that failed half-way (engine or disk) goes on from where it stopped.
     */
    @WithDefault("5s")
    Duration purgeInterval();

    /**
     * Builds running at the same time on this instance's Docker engine, all tenants together; 0 keeps every build
     * queued. Each tenant is also held to its plan's {@code maxConcurrentBuilds} across instances.
     */
    @WithDefault("2")
    int maxConcurrent();

    /** A build still running after this long is stopped and marked failed. */
    @WithDefault("10m")
    Duration timeout();

    /**
     * Older name of {@code base-images.java17}, still read when set (it wins, so an installation configured
     * before the other stacks existed builds as it did).
     */
    Optional<String> javaBaseImage();

    /**
     * The base image of each stack; each must already be on the engine (nothing is pulled). The defaults are the
     * names {@code devstack/base-images/images.sh} builds offline.
     */
    BaseImages baseImages();

    /** Memory of a build's containers (the steps of a Dockerfile), in MiB; no swap on top. */
    @WithDefault("1024")
    long buildMemoryMb();

    /**
     * CPU weight of a build's containers (Docker's cpu-shares, 1024 = a normal container): under contention a
     * build gets less than running apps. The engine's build API offers no hard CPU quota.
     */
    @WithDefault("512")
    int buildCpuShares();

    /** Docker engine the images are built on. */
    @WithDefault("unix:///var/run/docker.sock")
    String dockerHost();

    /**
     * Images kept per app: those of its last {@code keep-images} successful builds (and any image a container still
     * uses); older {@code cloudunit/<tenant>/<app>:b<n>} images are removed after each successful build and every
     * {@code image-retention-interval}, and their builds show {@code imageRemovedAt} (ADR 0020). At least 1.
     */
    @WithDefault("5")
    int keepImages();

    /** How often every app's images are checked against {@code keep-images} (besides after each build). */
    @WithDefault("10m")
    Duration imageRetentionInterval();

    /** Most log lines kept per build; later lines are dropped after a truncation notice. */
    @WithDefault("10000")
    int maxLogLines();

    interface DefaultPlan {
        /** Builds of one tenant running at the same time: the default plan's value. */
        @WithDefault("2")
        int maxConcurrentBuilds();

        /** Largest artifact of one tenant, in MiB: the default plan's value. */
        @WithDefault("256")
        int maxArtifactMb();
    }

    interface BaseImages {
        /** Stack {@code java}, apps compiled for Java 17 or older. */
        @WithDefault("cloudunit/jre:17")
        String java17();

        /** Stack {@code java}, apps compiled for Java 18 to 25. */
        @WithDefault("cloudunit/jre:25")
        String java25();

        /** Stack {@code tomcat}: Tomcat 10.1 (Jakarta EE), the WAR goes to webapps/ROOT.war. */
        @WithDefault("cloudunit/tomcat:10.1-jre17")
        String tomcat();

        /** Stack {@code static}: an HTTP server serving /usr/share/nginx/html on $PORT. */
        @WithName("static")
        @WithDefault("cloudunit/static:1")
        String staticSite();
    }

    /** What an uploaded archive (WAR, static site zip, Dockerfile context tar) may expand to. */
    Archives archives();

    /**
     * Limits checked while an archive is read, before anything is stored: beyond one, the upload is refused
     * with 422 naming the entry. The ratios apply once an entry (or the archive) expanded past 1 MiB.
     */
    interface Archives {
        /** Most entries (files and folders) in one archive. */
        @WithDefault("20000")
        int maxEntries();

        /** Most bytes all entries of one archive expand to, in MiB. */
        @WithDefault("1024")
        long maxExpandedMb();

        /** Highest expanded / compressed size of one zip entry. */
        @WithDefault("100")
        int maxEntryRatio();

        /** Highest expanded size of the whole archive / its size as uploaded. */
        @WithDefault("50")
        int maxTotalRatio();
    }
}
