package io.cloudunit.deployer.runtime;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.docker.ContainerInfo;
import io.cloudunit.deployer.docker.ContainerRuntime;
import io.cloudunit.deployer.docker.ContainerSpec;

/** Turns an {@link AppTarget} into hardened containers in sandboxes on the tenant's own network. Blocking. */
@ApplicationScoped
public class InstanceLauncher {
    /** Below this much memory the JVM needs a larger share outside the heap (metaspace, threads, code). */
    static final int SMALL_MEMORY_MB = 256;
    /**
     * The JDK's built-in HTTP server (what the smallest Java apps use) writes a response's head and body in two
     * writes without TCP_NODELAY: on the router's kept-alive connections the body then waits for the router's
     * delayed ACK, about 40 ms per request (ADR 0030). Other servers ignore the property.
     */
    static final String JDK_HTTP_SERVER_NODELAY = "-Dsun.net.httpserver.nodelay=true";
    private static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

    private final ContainerRuntime runtime;
    private final DeployerConfig config;
    private final TenantNetworks networks;
    private final SpareSandboxes spares;

    public InstanceLauncher(ContainerRuntime runtime, DeployerConfig config, TenantNetworks networks,
            SpareSandboxes spares) {
        this.runtime = runtime;
        this.config = config;
        this.networks = networks;
        this.spares = spares;
    }

    /** Creates (unless it exists) and starts (unless it runs) replica {@code n} of the target. */
    public ContainerInfo launch(AppTarget target, int n) {
        return networks.attach(target.tenant(), () -> runtime.run(spec(target, n)));
    }

    public void remove(String name) {
        runtime.remove(name, config.stopTimeoutSeconds());
    }

    ContainerSpec spec(AppTarget target, int n) {
        var container = config.container();
        return new ContainerSpec(
                target.instanceName(n),
                target.image(),
                Labels.ofRelease(config.scope(), target.tenant(), target.app(), target.version()),
                env(target, container.port()),
                spares.sandbox(target.tenant()),
                target.memoryMb(),
                target.nanoCpus(),
                target.startupNanoCpus(container.startupCpus()),
                container.pidsLimit(),
                container.logMaxSize(),
                container.logMaxFiles(),
                container.restartMaxRetries());
    }

    /**
     * The release's config vars, then what the platform sets: PORT always wins (the router and the health check
     * use it), and the heap sizing and the JDK server's TCP_NODELAY go before a JAVA_TOOL_OPTIONS of the app's own,
     * so that the app's flags win.
     */
    static Map<String, String> env(AppTarget target, int port) {
        Map<String, String> env = new TreeMap<>(target.env());
        String platform = "-XX:MaxRAMPercentage=" + heapPercent(target.memoryMb()) + " " + JDK_HTTP_SERVER_NODELAY;
        String own = env.get(JAVA_TOOL_OPTIONS);
        env.put(JAVA_TOOL_OPTIONS, own == null || own.isBlank() ? platform : platform + " " + own);
        env.put("PORT", String.valueOf(port));
        return env;
    }

    static int heapPercent(int memoryMb) {
        return memoryMb < SMALL_MEMORY_MB ? 60 : 75;
    }
}
