package io.cloudunit.deployer.docker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import io.cloudunit.deployer.DeployerConfig;

/** {@link ContainerRuntime} on a single Docker engine, through docker-java. */
@ApplicationScoped
public class DockerJavaRuntime implements ContainerRuntime {
    private static final Logger LOG = Logger.getLogger(DockerJavaRuntime.class);
    static final String NO_NEW_PRIVILEGES = "no-new-privileges";
    private static final String MANAGED = "io.cloudunit.managed";
    private static final String BRIDGE_NAME = "com.docker.network.bridge.name";
    /** Every tenant bridge starts with it: the host firewall matches them all with {@code cu-+} (ADR 21). */
    static final String BRIDGE_PREFIX = "cu-";
    /** How long an exit the platform asked for is remembered: far longer than any stop takes. */
    private static final Duration PLATFORM_STOP_MEMORY = Duration.ofMinutes(10);

    private final DockerClient docker;
    /** The same connections as {@link #docker}, for what docker-java does not model (a container's NanoCpus update). */
    private final DockerHttpClient http;
    /** Followed logs hold a connection each for as long as someone reads: a pool of their own, no read timeout. */
    private final DockerClient streams;
    private final String nonRootUser;
    private final EngineListener listener;
    private final Sandboxes sandboxes;
    private final ConcurrentHashMap<String, Object> networkLocks = new ConcurrentHashMap<>();
    /** Container id → until when its exit counts as ours (asked by remove or stop), not as a crash. */
    private final ConcurrentHashMap<String, Long> platformStops = new ConcurrentHashMap<>();
    private volatile String engineName;
    private volatile long engineNanoCpus;

    public DockerJavaRuntime(DeployerConfig config) {
        var clientConfig = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(config.dockerHost())
                .build();
        var http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(config.dockerHost()))
                .sslConfig(clientConfig.getSSLConfig())
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(5))
                // A stop waits for the container's own shutdown: longer than any stop timeout we use.
                .responseTimeout(Duration.ofSeconds(config.stopTimeoutSeconds() + 60L))
                .build();
        this.http = http;
        this.docker = DockerClientImpl.getInstance(clientConfig, http);
        var streaming = new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(config.dockerHost()))
                .sslConfig(clientConfig.getSSLConfig())
                .maxConnections(config.logs().maxFollowers() * 4)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofDays(1))
                .build();
        this.streams = DockerClientImpl.getInstance(clientConfig, streaming);
        this.nonRootUser = config.container().nonRootUser();
        this.listener = new EngineListener(config.dockerHost());
        this.sandboxes = new Sandboxes(docker, config.container().sandboxImage(), nonRootUser);
    }

    /**
     * Serialised per name: the engine's duplicate-name check is not atomic, two concurrent creates would make
     * two networks of one name (then every use of the name fails as ambiguous). Duplicates made by another
     * process are healed here: the oldest stays, the other labelled ones go.
     */
    @Override
    public void ensureNetwork(String name, Map<String, String> labels) {
        synchronized (networkLocks.computeIfAbsent(name, n -> new Object())) {
            call("ensure network " + name, () -> {
                List<Network> same = networksNamed(name);
                if (same.isEmpty()) {
                    create(name, labels);
                } else if (same.size() > 1) {
                    removeDuplicates(same);
                }
                return null;
            });
        }
    }

    private void create(String name, Map<String, String> labels) {
        try {
            docker.createNetworkCmd().withName(name).withDriver("bridge").withCheckDuplicate(true)
                    .withOptions(Map.of(BRIDGE_NAME, bridgeName(name))).withLabels(labels).exec();
            LOG.infof("created network %s", name);
        } catch (ConflictException createdMeanwhile) {
            LOG.debugf("network %s already exists", name);
        }
    }

    /** {@code cu-} + 12 hex digits of the name's SHA-256: a Linux interface name has at most 15 characters. */
    static String bridgeName(String network) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(network.getBytes(StandardCharsets.UTF_8));
            return BRIDGE_PREFIX + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void removeDuplicates(List<Network> same) {
        List<Network> byAge = same.stream()
                .sorted(Comparator.comparing(Network::getCreated, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        for (Network duplicate : byAge.subList(1, byAge.size())) {
            if ("true".equals(duplicate.getLabels() == null ? null : duplicate.getLabels().get(MANAGED))) {
                LOG.warnf("removing duplicate network %s (%s)", duplicate.getName(), duplicate.getId());
                removeNetworkById(duplicate.getId());
            }
        }
    }

    /** Exact matches: the engine's name filter matches substrings. */
    private List<Network> networksNamed(String name) {
        return docker.listNetworksCmd().withNameFilter(name).exec().stream()
                .filter(n -> name.equals(n.getName())).toList();
    }

    @Override
    public boolean removeNetwork(String name) {
        return call("remove network " + name, () -> withoutSpares(name).stream()
                .map(n -> removeNetworkById(n.getId()))
                .reduce(true, Boolean::logicalAnd));
    }

    @Override
    public boolean removeNetwork(String name, Map<String, String> labels) {
        return call("remove network " + name, () -> withoutSpares(name).stream()
                .filter(n -> n.getLabels() != null && n.getLabels().entrySet().containsAll(labels.entrySet()))
                .map(n -> removeNetworkById(n.getId()))
                .reduce(true, Boolean::logicalAnd));
    }

    /** The networks of that name, once their spare sandboxes are gone (else the engine refuses the removal). */
    private List<Network> withoutSpares(String name) {
        List<Network> same = networksNamed(name);
        if (!same.isEmpty()) {
            sandboxes.removeSpares(name);
        }
        return same;
    }

    private boolean removeNetworkById(String id) {
        try {
            docker.removeNetworkCmd(id).exec();
            LOG.infof("removed network %s", id);
            return true;
        } catch (NotFoundException gone) {
            return true;
        } catch (DockerException inUse) {
            LOG.debugf("network %s not removed: %s", id, inUse.getMessage());
            return false;
        }
    }

    @Override
    public List<String> listNetworks(Map<String, String> labels) {
        return call("list networks", () -> docker.listNetworksCmd().withFilter("label", labelFilter(labels)).exec()
                .stream().map(Network::getName).toList());
    }

    @Override
    public ContainerInfo run(ContainerSpec spec) {
        return call("run " + spec.name(), () -> {
            if (!listener.acceptsConnections()) {
                // its pooled connections would still start the container, in the middle of the engine's shutdown
                throw new ContainerRuntimeException("the engine is shutting down (it takes no new connection): "
                        + spec.name() + " is started once it is back", null);
            }
            if (!joinedSandboxReady(spec.name())) {
                create(spec, sandboxes.forInstance(spec.name(), spec.sandbox()));
            }
            try {
                docker.startContainerCmd(spec.name()).exec();
            } catch (NotModifiedException alreadyRunning) {
                LOG.debugf("container %s already running", spec.name());
            }
            return inspect(spec.name()).orElseThrow(() -> new ContainerRuntimeException(
                    "container " + spec.name() + " vanished right after it started", null));
        });
    }

    /**
     * Whether the container exists and the sandbox it joined runs (started if it was stopped, as after an engine
     * restart). A container whose sandbox is gone can never start again: it is removed, to be created anew.
     */
    private boolean joinedSandboxReady(String name) {
        InspectContainerResponse existing;
        try {
            existing = docker.inspectContainerCmd(name).exec();
        } catch (NotFoundException notYet) {
            return false;
        }
        Optional<String> sandbox = Sandboxes.joinedBy(existing.getHostConfig().getNetworkMode());
        if (sandbox.isEmpty() || sandboxes.ready(sandbox.get())) {
            return true;
        }
        LOG.warnf("container %s lost its network sandbox: creating it again", name);
        markStoppedByPlatform(name);
        docker.removeContainerCmd(name).withForce(true).exec();
        return false;
    }

    private void create(ContainerSpec spec, String sandboxId) {
        try {
            ContainerConfig image = docker.inspectImageCmd(spec.image()).exec().getConfig();
            docker.createContainerCmd(spec.image())
                    .withName(spec.name())
                    .withLabels(spec.labels())
                    .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                    .withUser(runAs(image == null ? null : image.getUser(), nonRootUser))
                    .withHostConfig(hardened(spec, image == null ? null : image.getVolumes(), startupNanoCpus(spec))
                            .withNetworkMode(Sandboxes.join(sandboxId)))
                    .exec();
            LOG.infof("created container %s from %s", spec.name(), spec.image());
        } catch (ConflictException alreadyExists) {
            LOG.debugf("container %s already exists", spec.name());
        } catch (NotFoundException e) {
            throw new ContainerRuntimeException("cannot create " + spec.name() + ": " + e.getMessage().trim()
                    + " (is image " + spec.image() + " on the engine?)", e);
        }
    }

    /**
     * The image's user when it is a non-zero numeric uid (optionally with a group); anything else (unset, root, 0,
     * or a name the image's /etc/passwd could map to 0) runs as the platform's non-root user.
     */
    static String runAs(String imageUser, String nonRootUser) {
        String uid = imageUser == null ? "" : imageUser.split(":", 2)[0].trim();
        return uid.matches("[0-9]+") && !uid.matches("0+") ? imageUser.trim() : nonRootUser;
    }

    /**
     * DESIGN §5: limits, no privileges, no mounts, rotated logs; the network (one, the tenant's, with the port
     * published on loopback only) is its sandbox's. A VOLUME the image declares becomes a tmpfs charged to the
     * container's memory, instead of an anonymous volume on the host's disk that would outlive the container.
     */
    private static HostConfig hardened(ContainerSpec spec, Map<String, ?> imageVolumes, long nanoCpus) {
        long memoryBytes = spec.memoryMb() * 1024L * 1024L;
        Map<String, String> tmpfs = imageVolumes == null ? Map.of() : imageVolumes.keySet().stream()
                .collect(Collectors.toMap(path -> path, path -> "rw,nosuid,nodev,size=" + spec.memoryMb() + "m"));
        return HostConfig.newHostConfig()
                .withTmpFs(tmpfs.isEmpty() ? null : tmpfs)
                .withMemory(memoryBytes)
                .withMemorySwap(memoryBytes)
                .withNanoCPUs(nanoCpus)
                .withPidsLimit(spec.pidsLimit())
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of(NO_NEW_PRIVILEGES))
                .withPrivileged(false)
                .withReadonlyRootfs(false)
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE,
                        Map.of("max-size", spec.logMaxSize(), "max-file", String.valueOf(spec.logMaxFiles()))))
                .withRestartPolicy(RestartPolicy.onFailureRestart(spec.restartMaxRetries()));
    }

    @Override
    public Optional<ContainerInfo> inspect(String name) {
        return call("inspect " + name, () -> {
            try {
                InspectContainerResponse container = docker.inspectContainerCmd(name).exec();
                ContainerInfo info = toInfo(container);
                return Optional.of(Sandboxes.joinedBy(container.getHostConfig().getNetworkMode())
                        .map(sandbox -> info.onNetworkOf(sandboxes.inspect(sandbox).orElse(null)))
                        .orElse(info));
            } catch (NotFoundException gone) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void remove(String name, int stopTimeoutSeconds) {
        call("remove " + name, () -> {
            markStoppedByPlatform(name);
            try {
                docker.stopContainerCmd(name).withTimeout(stopTimeoutSeconds).exec();
            } catch (NotModifiedException | NotFoundException alreadyStoppedOrGone) {
                LOG.debugf("container %s already stopped", name);
            }
            try {
                docker.removeContainerCmd(name).withForce(true).exec();
                LOG.infof("removed container %s", name);
            } catch (NotFoundException gone) {
                LOG.debugf("container %s already removed", name);
            } catch (ConflictException removalInProgress) {
                LOG.debugf("container %s is being removed already", name);
            }
            sandboxes.removeOf(name);
            return null;
        });
    }

    @Override
    public void stop(String name, int stopTimeoutSeconds) {
        call("stop " + name, () -> {
            markStoppedByPlatform(name);
            try {
                docker.stopContainerCmd(name).withTimeout(stopTimeoutSeconds).exec();
                LOG.infof("stopped container %s", name);
            } catch (NotModifiedException | NotFoundException alreadyStoppedOrGone) {
                LOG.debugf("container %s already stopped", name);
            }
            return null;
        });
    }

    /** Before the engine is asked: its die event may come before the call returns. */
    private void markStoppedByPlatform(String name) {
        long now = System.nanoTime();
        platformStops.values().removeIf(until -> until < now);
        try {
            String id = docker.inspectContainerCmd(name).exec().getId();
            platformStops.put(id, now + PLATFORM_STOP_MEMORY.toNanos());
        } catch (NotFoundException gone) {
            LOG.debugf("container %s already gone", name);
        }
    }

    @Override
    public boolean stoppedByPlatform(String containerId) {
        Long until = platformStops.get(containerId);
        return until != null && until >= System.nanoTime();
    }

    @Override
    public AutoCloseable watch(Map<String, String> labels, java.time.Instant since, Consumer<EngineEvent> sink,
            Consumer<Throwable> ended) {
        return streams.eventsCmd()
                .withEventTypeFilter(com.github.dockerjava.api.model.EventType.CONTAINER)
                .withEventFilter("die", "oom", "health_status")
                .withLabelFilter(labels)
                .withSince(since.getEpochSecond() + "." + String.format("%09d", since.getNano()))
                .exec(new ResultCallback.Adapter<com.github.dockerjava.api.model.Event>() {
                    @Override
                    public void onNext(com.github.dockerjava.api.model.Event event) {
                        toEngineEvent(event).ifPresent(sink);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        ended.accept(failure);
                    }

                    @Override
                    public void onComplete() {
                        ended.accept(null);
                    }
                });
    }

    private static Optional<EngineEvent> toEngineEvent(com.github.dockerjava.api.model.Event event) {
        var actor = event.getActor();
        if (actor == null || actor.getId() == null || event.getAction() == null) {
            return Optional.empty();
        }
        Map<String, String> attributes = actor.getAttributes() == null ? Map.of() : Map.copyOf(actor.getAttributes());
        if (Sandboxes.isSandbox(attributes)) {
            return Optional.empty(); // not an instance: its end shows as its instance's lost network
        }
        Integer exitCode = null;
        try {
            exitCode = attributes.containsKey("exitCode") ? Integer.valueOf(attributes.get("exitCode")) : null;
        } catch (NumberFormatException garbled) {
            LOG.debugf("event of %s with exit code %s", actor.getId(), attributes.get("exitCode"));
        }
        java.time.Instant time = event.getTimeNano() != null
                ? java.time.Instant.ofEpochSecond(0, event.getTimeNano())
                : java.time.Instant.ofEpochSecond(event.getTime() == null ? 0 : event.getTime());
        return Optional.of(new EngineEvent(event.getAction(), actor.getId(), attributes.getOrDefault("name", ""),
                attributes, exitCode, time));
    }

    @Override
    public List<ContainerInfo> list(Map<String, String> labels) {
        return call("list containers", () -> {
            List<Container> containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()
                    .stream().filter(c -> !Sandboxes.isSandbox(c.getLabels())).toList();
            Map<String, ContainerInfo> joined = containers.stream().anyMatch(c -> joinedSandbox(c).isPresent())
                    ? sandboxes.byId() : Map.of();
            return containers.stream()
                    .map(c -> joinedSandbox(c).map(s -> toInfo(c).onNetworkOf(joined.get(s)))
                            .orElseGet(() -> toInfo(c)))
                    .toList();
        });
    }

    private static Optional<String> joinedSandbox(Container c) {
        return Sandboxes.joinedBy(c.getHostConfig() == null ? null : c.getHostConfig().getNetworkMode());
    }

    @Override
    public void keepSpareSandboxes(SandboxSpec spec, int count) {
        call("keep spare sandboxes on " + spec.network(), () -> {
            sandboxes.keepSpares(spec, count);
            return null;
        });
    }

    @Override
    public List<ContainerInfo> listSandboxes(Map<String, String> labels) {
        return call("list sandboxes", () -> sandboxes.list(labels).stream().map(DockerJavaRuntime::toInfo).toList());
    }

    @Override
    public void removeOrphanSandbox(String name) {
        call("remove sandbox " + name, () -> {
            sandboxes.removeIfOrphan(name);
            return null;
        });
    }

    @Override
    public List<String> logTail(String name, int lines) {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        try {
            docker.logContainerCmd(name).withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            new String(frame.getPayload(), StandardCharsets.UTF_8).lines().forEach(out::add);
                        }
                    })
                    .awaitCompletion(5, TimeUnit.SECONDS);
        } catch (NotFoundException gone) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debugf("no logs of %s: %s", name, e.getMessage());
        }
        synchronized (out) {
            return List.copyOf(out.subList(Math.max(0, out.size() - lines), out.size()));
        }
    }

    @Override
    public boolean imageExists(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }

    @Override
    public boolean ping() {
        if (!listener.acceptsConnections()) {
            return false;
        }
        try {
            docker.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The spec's startup CPUs, at most the engine's (it refuses more), never fewer than the app's own. */
    private long startupNanoCpus(ContainerSpec spec) {
        long engine = engineNanoCpus;
        if (engine == 0) {
            engine = call("engine info", () -> docker.infoCmd().exec().getNCPU()) * 1_000_000_000L;
            engineNanoCpus = engine;
        }
        return Math.max(spec.nanoCpus(), Math.min(spec.startupNanoCpus(), engine));
    }

    @Override
    public void limitCpus(String name, long nanoCpus) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/containers/" + name + "/update")
                .putHeader("Content-Type", "application/json")
                .body(new ByteArrayInputStream(("{\"NanoCpus\":" + nanoCpus + "}").getBytes(StandardCharsets.UTF_8)))
                .build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            if (response.getStatusCode() != 200) {
                throw new ContainerRuntimeException("cannot set the CPUs of " + name + ": the engine answered "
                        + response.getStatusCode() + " " + new String(response.getBody().readAllBytes(),
                                StandardCharsets.UTF_8).trim(), null);
            }
        } catch (IOException e) {
            throw new ContainerRuntimeException("cannot set the CPUs of " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String engineName() {
        String name = engineName;
        if (name == null) {
            name = call("engine info", () -> docker.infoCmd().exec().getName());
            engineName = name;
        }
        return name;
    }

    @Override
    public Optional<ContainerStats> stats(String name) {
        CompletableFuture<Statistics> sample = new CompletableFuture<>();
        ResultCallback.Adapter<Statistics> callback = null;
        try {
            callback = docker.statsCmd(name).withNoStream(true).exec(new ResultCallback.Adapter<Statistics>() {
                @Override
                public void onNext(Statistics statistics) {
                    sample.complete(statistics);
                }

                @Override
                public void onError(Throwable failure) {
                    sample.completeExceptionally(failure);
                }

                @Override
                public void onComplete() {
                    sample.complete(null);
                }
            });
            return Optional.ofNullable(sample.get(10, TimeUnit.SECONDS)).flatMap(DockerStats::of);
        } catch (NotFoundException gone) {
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NotFoundException) {
                return Optional.empty();
            }
            throw new ContainerRuntimeException("stats of " + name + " failed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new ContainerRuntimeException("stats of " + name + " did not come within 10 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            closeQuietly(callback);
        }
    }

    private static void closeQuietly(java.io.Closeable callback) {
        if (callback != null) {
            try {
                callback.close();
            } catch (IOException e) {
                LOG.debugf("closing an engine stream: %s", e.getMessage());
            }
        }
    }

    @Override
    public List<LogLine> logs(String name, int tail) {
        List<LogLine> out = Collections.synchronizedList(new ArrayList<>());
        LogCallback callback = new LogCallback(name, out::add);
        try {
            docker.logContainerCmd(name).withStdOut(true).withStdErr(true).withTimestamps(true).withTail(tail)
                    .exec(callback)
                    .awaitCompletion(30, TimeUnit.SECONDS);
        } catch (NotFoundException gone) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(callback);
        }
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    @Override
    public AutoCloseable follow(String name, int tail, Consumer<LogLine> sink) {
        try {
            return streams.logContainerCmd(name).withStdOut(true).withStdErr(true).withTimestamps(true)
                    .withTail(tail).withFollowStream(true)
                    .exec(new LogCallback(name, sink));
        } catch (NotFoundException gone) {
            return () -> { };
        }
    }

    /** Frames of one container's log, split into lines; with timestamps, each line starts with its time. */
    private static final class LogCallback extends ResultCallback.Adapter<Frame> {
        private final String instance;
        private final Consumer<LogLine> sink;

        LogCallback(String instance, Consumer<LogLine> sink) {
            this.instance = instance;
            this.sink = sink;
        }

        @Override
        public void onNext(Frame frame) {
            String stream = frame.getStreamType() == StreamType.STDERR ? "stderr" : "stdout";
            for (String text : new String(frame.getPayload(), StandardCharsets.UTF_8).split("\n")) {
                int space = text.indexOf(' ');
                boolean stamped = space > 0 && Character.isDigit(text.charAt(0)) && text.charAt(space - 1) == 'Z';
                sink.accept(new LogLine(instance, stream, stamped ? text.substring(0, space) : null,
                        stamped ? text.substring(space + 1) : text));
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (!(failure instanceof NotFoundException)) {
                LOG.debugf("log stream of %s ended: %s", instance, failure.getMessage());
            }
            try {
                close();
            } catch (IOException e) {
                LOG.debugf("closing the log stream of %s: %s", instance, e.getMessage());
            }
        }
    }

    @PreDestroy
    void close() {
        try {
            docker.close();
            streams.close();
        } catch (IOException e) {
            LOG.debug("closing the docker client failed", e);
        }
    }

    static ContainerInfo toInfo(InspectContainerResponse c) {
        var state = c.getState();
        var settings = c.getNetworkSettings();
        Map<String, String> ips = settings == null || settings.getNetworks() == null ? Map.of()
                : ips(settings.getNetworks());
        Integer hostPort = settings == null || settings.getPorts() == null ? null
                : settings.getPorts().getBindings().values().stream()
                        .filter(Objects::nonNull)
                        .flatMap(Arrays::stream)
                        .map(Ports.Binding::getHostPortSpec)
                        .filter(p -> p != null && p.matches("\\d+"))
                        .map(Integer::valueOf)
                        .findFirst().orElse(null);
        Long exit = state.getExitCodeLong();
        return new ContainerInfo(c.getId(), stripSlash(c.getName()), labels(c.getConfig().getLabels()),
                state.getStatus(), exit == null ? null : exit.intValue(),
                c.getRestartCount() == null ? 0 : c.getRestartCount(), ips, hostPort, state.getStartedAt(),
                state.getFinishedAt(), Boolean.TRUE.equals(state.getOOMKilled()));
    }

    static ContainerInfo toInfo(Container c) {
        Map<String, String> ips = c.getNetworkSettings() == null || c.getNetworkSettings().getNetworks() == null
                ? Map.of() : ips(c.getNetworkSettings().getNetworks());
        Integer hostPort = c.getPorts() == null ? null : Arrays.stream(c.getPorts())
                .map(ContainerPort::getPublicPort).filter(Objects::nonNull).findFirst().orElse(null);
        String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : stripSlash(c.getNames()[0]);
        return new ContainerInfo(c.getId(), name, labels(c.getLabels()), c.getState(), null, 0, ips, hostPort);
    }

    private static Map<String, String> ips(Map<String, ContainerNetwork> networks) {
        return networks.entrySet().stream().filter(e -> e.getValue().getIpAddress() != null)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().getIpAddress()));
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : Map.copyOf(labels);
    }

    private static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }

    private static List<String> labelFilter(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    private static <T> T call(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (ContainerRuntimeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ContainerRuntimeException(operation + " failed: " + e.getMessage(), e);
        }
    }
}
