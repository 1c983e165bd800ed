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

    /** Removes the network; false when containers still use it. Missing = success. */
    boolean removeNetwork(String name);

    /**
     * Removes the network of that name only if it carries all these labels (a network someone else created under
     * the name stays); false when containers still use it. Missing = success.
     */
    boolean removeNetwork(String name, Map<String, String> labels);

    /** Networks carrying all these labels. */
    List<String> listNetworks(Map<String, String> labels);

    /** Creates the container unless it exists, starts it unless it runs, and answers its inspected state. */
    ContainerInfo run(ContainerSpec spec);

    Optional<ContainerInfo> inspect(String name);

    /** Stops (SIGTERM, then kill after {@code stopTimeoutSeconds}) and removes the container. Missing = success. */
    void remove(String name, int stopTimeoutSeconds);

    /** Containers in any state carrying all these labels. */
    List<ContainerInfo> list(Map<String, String> labels);

    /** The last lines of the container's stdout + stderr; empty when it is gone. */
    List<String> logTail(String name, int lines);

    /** Whether the engine has this image (reference or id); an engine that does not answer is an exception. */
    boolean imageExists(String image);

    /** Whether the engine answers. */
    boolean ping();
}
