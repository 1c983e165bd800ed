package io.cloudunit.deployer.docker;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deployer's only view of the container engine. Every operation is idempotent by name: creating what
 * already exists or removing what is already gone succeeds. Calls block: never call them on an event loop.
 * Nothing in the contract can ask for a privilege (mounts, capabilities, host namespaces): the
 * implementation applies the platform's hardening to every container it creates.
 */
public interface ContainerRuntime {

    /** Creates the user-defined bridge network unless it exists. */
    void ensureNetwork(String name, Map<String, String> labels);

    /** Removes the network (its spare sandboxes first); false when containers still use it. Missing = success. */
    boolean removeNetwork(String name);

    /**
     * Removes the network of that name only if it carries all these labels (a network someone else created under
     * the name stays); false when containers still use it. Missing = success.
     */
    boolean removeNetwork(String name, Map<String, String> labels);

    /** Networks carrying all these labels. */
    List<String> listNetworks(Map<String, String> labels);

    /**
     * Creates the container unless it exists, starts it unless it runs, and answers its inspected state. It runs in
     * a network sandbox of its own (ADR 0033): a spare one when there is one, else one made for it; its addresses
     * and published port are the sandbox's, and it goes with the container.
     */
    ContainerInfo run(ContainerSpec spec);

    /**
     * Keeps {@code count} spare network sandboxes running on the spec's network (its tenant's, which must exist);
     * 0 removes them.
     */
    void keepSpareSandboxes(SandboxSpec spec, int count);

    /** The network sandboxes carrying these labels, in any state ({@code Sandboxes.instanceOf} tells whose). */
    List<ContainerInfo> listSandboxes(Map<String, String> labels);

    /** Removes that sandbox unless its instance's container exists by now. */
    void removeOrphanSandbox(String name);

    Optional<ContainerInfo> inspect(String name);

    /** Stops (SIGTERM, then kill after {@code stopTimeoutSeconds}) and removes the container. Missing = success. */
    void remove(String name, int stopTimeoutSeconds);

    /**
     * Stops the container (SIGTERM, then kill) and keeps it, with its log; the engine's restart policy no longer
     * brings it back. An exit caused by this is the platform's own ({@link #stoppedByPlatform}). Missing = success.
     */
    void stop(String name, int stopTimeoutSeconds);

    /**
     * Whether this process asked the engine to stop or remove the container with this id (recently): its exit is
     * the platform's doing, not a crash.
     */
    boolean stoppedByPlatform(String containerId);

    /**
     * Follows the engine's events of containers carrying all these labels (exits, OOM kills, health changes) from
     * {@code since} on, handing each to {@code sink} on an engine thread, until the stream ends: then
     * {@code ended} is called once (with the failure, or null), and the caller reconnects.
     */
    AutoCloseable watch(Map<String, String> labels, java.time.Instant since,
            java.util.function.Consumer<EngineEvent> sink, java.util.function.Consumer<Throwable> ended);

    /** Containers in any state carrying all these labels; network sandboxes are not listed, their instances are. */
    List<ContainerInfo> list(Map<String, String> labels);

    /** The last lines of the container's stdout + stderr; empty when it is gone. */
    List<String> logTail(String name, int lines);

    /** Whether the engine has this image (reference or id); an engine that does not answer is an exception. */
    boolean imageExists(String image);

    /** Sets the CPUs a running container may use (its quota), as {@code docker update --cpus} does. */
    void limitCpus(String name, long nanoCpus);

    /** Whether the engine answers, on a new connection: an engine shutting down takes none any more. */
    boolean ping();

    /** The engine's host name (the node an instance runs on). */
    String engineName();

    /** One sample of the container's resource use (blocks about a second); empty when it is gone or not running. */
    Optional<ContainerStats> stats(String name);

    /** The container's last {@code tail} lines of stdout and stderr, oldest first; empty when it is gone. */
    List<LogLine> logs(String name, int tail);

    /**
     * Follows the container's stdout and stderr from its last {@code tail} lines on: every line goes to
     * {@code sink} (on an engine thread) until the container stops or the answer is closed.
     */
    AutoCloseable follow(String name, int tail, java.util.function.Consumer<LogLine> sink);
}
