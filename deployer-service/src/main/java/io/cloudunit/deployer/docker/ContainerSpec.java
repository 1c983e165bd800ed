package io.cloudunit.deployer.docker;

import java.util.Map;

/**
 * What to run: image, identity and resources. The hardening that does not vary (capabilities, privileges,
 * mounts) is not part of the spec because nothing may relax it.
 *
 * @param sandbox     the network sandbox it joins: its only network and its published port (ADR 0033)
 * @param memoryMb    memory limit, also the memory+swap limit (no swap)
 * @param nanoCpus    CPU quota in billionths of a CPU, once the instance answers its health check
 * @param startupNanoCpus CPU quota it starts with (at least {@code nanoCpus}; the runtime caps it at the engine's)
 */
public record ContainerSpec(String name, String image, Map<String, String> labels, Map<String, String> env,
        SandboxSpec sandbox, long memoryMb, long nanoCpus, long startupNanoCpus, long pidsLimit, String logMaxSize,
        int logMaxFiles, int restartMaxRetries) {
}
