package io.cloudunit.deployer.instance;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.docker.ContainerInfo;
import io.cloudunit.deployer.docker.ContainerRuntime;
import io.cloudunit.deployer.runtime.Blocking;
import io.cloudunit.deployer.runtime.Labels;

/**
 * The app's instances as they are: every container labelled with the tenant and app (and this deployer's scope),
 * inspected, joined with the instance table for health. Blocking (engine calls).
 */
@ApplicationScoped
public class InstanceInspector {
    private final ContainerRuntime runtime;
    private final InstanceService instances;
    private final DeployerConfig config;

    public InstanceInspector(ContainerRuntime runtime, InstanceService instances, DeployerConfig config) {
        this.runtime = runtime;
        this.instances = instances;
        this.config = config;
    }

    /**
     * The app's containers, checked twice: selected by labels, then each one's labels read back, so that nothing
     * of another tenant or app is ever shown (or its logs read) whatever the engine's filter did.
     */
    public List<ContainerInfo> containers(String tenant, String app) {
        return runtime.list(Labels.ofApp(config.scope(), tenant, app)).stream()
                .filter(c -> tenant.equals(c.label(Labels.TENANT)) && app.equals(c.label(Labels.APP))
                        && config.scope().equals(c.label(Labels.SCOPE)))
                .sorted(Comparator.comparing((ContainerInfo c) -> Labels.releaseOf(c.labels()))
                        .thenComparing(c -> replica(c.name())))
                .toList();
    }

    public List<InstanceView> of(String tenant, String app) {
        Map<String, Instance> rows = Blocking.await(() -> instances.ofApp(tenant, app)).stream()
                .collect(Collectors.toMap(i -> i.name, Function.identity(), (a, b) -> a));
        String node = runtime.engineName();
        List<InstanceView> out = new ArrayList<>();
        for (ContainerInfo listed : containers(tenant, app)) {
            Optional<ContainerInfo> inspected = runtime.inspect(listed.name());
            inspected.ifPresent(c -> out.add(view(c, rows.remove(c.name()), tenant, node)));
        }
        // Rows whose container went behind the deployer's back: shown until the reconciler retires them.
        rows.values().forEach(row -> out.add(new InstanceView(row.name, null, row.version, "GONE", "unhealthy", false,
                null, row.startedAt, null, row.address)));
        return out;
    }

    private InstanceView view(ContainerInfo c, Instance row, String tenant, String node) {
        boolean healthy = c.running() && row != null && row.healthy;
        String health = healthy ? "healthy" : c.running() ? "starting" : "unhealthy";
        String address = row != null && row.address != null ? row.address
                : c.ipOn(Labels.network(tenant)).map(ip -> ip + ":" + config.container().port()).orElse(null);
        return new InstanceView(c.name(), c.id().substring(0, Math.min(12, c.id().length())),
                Labels.releaseOf(c.labels()), c.status().toUpperCase(java.util.Locale.ROOT), health, healthy, c.restartCount(), time(c.startedAt()), node,
                address);
    }

    /** The engine says 0001-01-01T00:00:00Z for a container never started. */
    private static OffsetDateTime time(String value) {
        try {
            OffsetDateTime time = value == null ? null : OffsetDateTime.parse(value);
            return time == null || time.getYear() < 2000 ? null : time;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int replica(String name) {
        try {
            return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
