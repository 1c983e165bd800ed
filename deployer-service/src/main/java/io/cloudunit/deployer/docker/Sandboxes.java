package io.cloudunit.deployer.docker;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;

/**
 * The network sandboxes instances join (ADR 0033): a container of the sandbox image that only holds a network
 * namespace on the tenant's bridge and the published port; the instance's container runs in that namespace. The
 * engine's slowest part of a start, setting up a namespace on a user-defined bridge, is then done ahead of time for
 * the spare ones. An instance's sandbox is named {@code <instance>-net}; a spare one {@code <network>-spare-<hex>}
 * until an instance takes it (a rename: the engine lets only one rename of a name succeed).
 */
public final class Sandboxes {
    private static final Logger LOG = Logger.getLogger(Sandboxes.class);
    static final String LABEL = "io.cloudunit.sandbox";
    private static final String INSTANCE_SUFFIX = "-net";
    private static final String SPARE = "-spare-";
    private static final String JOIN = "container:";
    /** The sleep it runs needs well under a megabyte; the engine's minimum is 6 MB. */
    private static final long MEMORY_BYTES = 16L * 1024 * 1024;
    private static final long NANO_CPUS = 100_000_000L;
    private static final long PIDS_LIMIT = 8;

    private final DockerClient docker;
    private final String image;
    private final String user;
    private final ConcurrentHashMap<String, Object> takeLocks = new ConcurrentHashMap<>();

    Sandboxes(DockerClient docker, String image, String user) {
        this.docker = docker;
        this.image = image;
        this.user = user;
    }

    static boolean isSandbox(Map<String, String> labels) {
        return labels != null && "true".equals(labels.get(LABEL));
    }

    /** The network mode that joins the sandbox with this id. */
    static String join(String sandboxId) {
        return JOIN + sandboxId;
    }

    /** The id of the sandbox a container joined, if it joined one. */
    static Optional<String> joinedBy(String networkMode) {
        return networkMode != null && networkMode.startsWith(JOIN)
                ? Optional.of(networkMode.substring(JOIN.length())) : Optional.empty();
    }

    /** The running sandbox for this instance: its own left from an earlier attempt, a spare, or a new one; its id. */
    String forInstance(String instance, SandboxSpec spec) {
        String name = instance + INSTANCE_SUFFIX;
        Optional<String> own = idOf(name);
        if (own.isPresent()) {
            if (ready(own.get())) {
                return own.get();
            }
            forceRemove(name);
        }
        return takeSpare(name, spec).orElseGet(() -> createAndStart(name, spec));
    }

    /**
     * Whether the sandbox is there and runs (started if it was stopped); false when it is gone or the engine refuses
     * to start it (its network was removed and made again meanwhile, for one): it is then replaced.
     */
    boolean ready(String sandboxId) {
        try {
            start(sandboxId);
            return true;
        } catch (NotFoundException gone) {
            return false;
        } catch (DockerException refused) {
            LOG.warnf("sandbox %s does not start, replacing it: %s", sandboxId, refused.getMessage());
            return false;
        }
    }

    /** The sandbox's view of the network (addresses, published port); empty when it is gone. */
    Optional<ContainerInfo> inspect(String sandboxId) {
        try {
            return Optional.of(DockerJavaRuntime.toInfo(docker.inspectContainerCmd(sandboxId).exec()));
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    /** Every sandbox on the engine by id, for a listing of the containers that joined them. */
    Map<String, ContainerInfo> byId() {
        return list(Map.of()).stream().collect(Collectors.toMap(Container::getId, DockerJavaRuntime::toInfo));
    }

    void removeOf(String instance) {
        forceRemove(instance + INSTANCE_SUFFIX);
    }

    /**
     * Keeps {@code count} running spare sandboxes on the spec's network: stopped ones go, missing ones are made.
     * Removed by their spare name, so that one a launch took meanwhile (renamed) stays.
     */
    void keepSpares(SandboxSpec spec, int count) {
        List<Container> spares = spares(spec.network(), spec.labels());
        int running = 0;
        for (Container spare : spares) {
            if ("running".equals(spare.getState()) && running < count) {
                running++;
            } else {
                forceRemove(nameOf(spare));
            }
        }
        for (int i = running; i < count; i++) {
            createAndStart(spec.network() + SPARE + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()),
                    spec);
        }
    }

    /** Before the network goes: its spare sandboxes (any state). */
    void removeSpares(String network) {
        spares(network, Map.of()).forEach(spare -> forceRemove(nameOf(spare)));
    }

    /** Every sandbox with these labels, in any state. */
    List<Container> list(Map<String, String> labels) {
        Map<String, String> filter = new HashMap<>(labels);
        filter.put(LABEL, "true");
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec();
    }

    /** Removes the sandbox unless its instance's container exists now. */
    void removeIfOrphan(String sandbox) {
        Optional<String> instance = instanceOf(sandbox);
        if (instance.isPresent() && idOf(instance.get()).isEmpty()) {
            LOG.infof("removing sandbox %s: its instance is gone", sandbox);
            forceRemove(sandbox);
        }
    }

    /**
     * A running spare, else one still being made (its start waits for the engine's network setup already under way,
     * which is sooner than a second setup competing with it). Serialised per network: two launches must not rename
     * the same spare (the engine resolves a name first).
     */
    private Optional<String> takeSpare(String name, SandboxSpec spec) {
        synchronized (takeLocks.computeIfAbsent(spec.network(), n -> new Object())) {
            List<Container> usable = spares(spec.network(), spec.labels()).stream()
                    .filter(spare -> "running".equals(spare.getState()) || "created".equals(spare.getState()))
                    .sorted(Comparator.comparing(spare -> !"running".equals(spare.getState())))
                    .toList();
            for (Container spare : usable) {
                try {
                    docker.renameContainerCmd(nameOf(spare)).withName(name).exec();
                    start(spare.getId());
                    return Optional.of(spare.getId());
                } catch (NotFoundException | ConflictException takenOrGone) {
                    LOG.debugf("spare sandbox %s not taken: %s", nameOf(spare), takenOrGone.getMessage());
                }
            }
            return Optional.empty();
        }
    }

    private List<Container> spares(String network, Map<String, String> labels) {
        String prefix = network + SPARE;
        return list(labels).stream().filter(c -> nameOf(c).startsWith(prefix)).toList();
    }

    private String createAndStart(String name, SandboxSpec spec) {
        Map<String, String> labels = new HashMap<>(spec.labels());
        labels.put(LABEL, "true");
        try {
            docker.createContainerCmd(image)
                    .withName(name)
                    .withLabels(labels)
                    .withUser(user)
                    .withExposedPorts(ExposedPort.tcp(spec.port()))
                    .withHostConfig(hardened(spec))
                    .exec();
        } catch (ConflictException alreadyExists) {
            LOG.debugf("sandbox %s already exists", name);
        } catch (NotFoundException e) {
            throw new ContainerRuntimeException("cannot create sandbox " + name + ": " + e.getMessage().trim()
                    + " (is the sandbox image " + image + " on the engine? devstack/base-images/build-all.sh builds it;"
                    + " is network " + spec.network() + " there?)", e);
        }
        String id = idOf(name).orElseThrow(() -> new ContainerRuntimeException(
                "sandbox " + name + " vanished right after it was created", null));
        start(id);
        return id;
    }

    /**
     * The instance's limits are on its own container; this one gets small ones and the same hardening, a read-only
     * root, and no restart policy: restarted, it would hold a new namespace the instance is not in.
     */
    private static HostConfig hardened(SandboxSpec spec) {
        return HostConfig.newHostConfig()
                .withMemory(MEMORY_BYTES)
                .withMemorySwap(MEMORY_BYTES)
                .withNanoCPUs(NANO_CPUS)
                .withPidsLimit(PIDS_LIMIT)
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of(DockerJavaRuntime.NO_NEW_PRIVILEGES))
                .withPrivileged(false)
                .withReadonlyRootfs(true)
                .withNetworkMode(spec.network())
                .withPortBindings(new PortBinding(Ports.Binding.bindIp(spec.publishAddress()),
                        ExposedPort.tcp(spec.port())))
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE,
                        Map.of("max-size", "1m", "max-file", "1")));
    }

    private void start(String id) {
        try {
            docker.startContainerCmd(id).exec();
        } catch (NotModifiedException alreadyRunning) {
            LOG.tracef("sandbox %s already running", id);
        }
    }

    private Optional<String> idOf(String name) {
        try {
            return Optional.of(docker.inspectContainerCmd(name).exec().getId());
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    private void forceRemove(String nameOrId) {
        try {
            docker.removeContainerCmd(nameOrId).withForce(true).exec();
            LOG.debugf("removed sandbox %s", nameOrId);
        } catch (NotFoundException | ConflictException goneOrGoing) {
            LOG.debugf("sandbox %s already gone", nameOrId);
        }
    }

    /** The instance a sandbox was taken by or made for; empty for a spare. */
    public static Optional<String> instanceOf(String sandbox) {
        return sandbox.endsWith(INSTANCE_SUFFIX) && !sandbox.contains(SPARE)
                ? Optional.of(sandbox.substring(0, sandbox.length() - INSTANCE_SUFFIX.length())) : Optional.empty();
    }

    private static String nameOf(Container c) {
        String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0];
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
