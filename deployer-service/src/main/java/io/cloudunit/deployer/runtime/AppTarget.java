package io.cloudunit.deployer.runtime;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What should run for one app: a release's image shaped by the app's spec.
 *
 * @param healthPath path answering 2xx/3xx once the app serves, or null for a plain TCP check
 * @param env        the release's config vars, given to every instance as environment variables
 */
public record AppTarget(String tenant, String app, int version, String image, int replicas, int memoryMb,
        double cpus, String healthPath, Map<String, String> env) {

    public AppTarget {
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** A target without config vars. */
    public AppTarget(String tenant, String app, int version, String image, int replicas, int memoryMb, double cpus,
            String healthPath) {
        this(tenant, app, version, image, replicas, memoryMb, cpus, healthPath, Map.of());
    }

    @Override
    public String toString() { // never the values: they are secrets
        return "AppTarget[" + key() + " v" + version + ", " + image + ", " + replicas + " x " + memoryMb + " MB, "
                + cpus + " cpus, vars " + env.keySet() + "]";
    }

    /** The app's CPUs as the engine counts them. */
    public long nanoCpus() {
        return nanos(cpus);
    }

    /** What an instance starts with (ADR 0032): the startup CPUs, never fewer than the app's own. */
    public long startupNanoCpus(double startupCpus) {
        return Math.max(nanoCpus(), nanos(startupCpus));
    }

    private static long nanos(double cpus) {
        return Math.round(cpus * 1_000_000_000d);
    }

    public String key() {
        return tenant + "/" + app;
    }

    public String instanceName(int n) {
        return Labels.containerName(tenant, app, version, n);
    }

    public List<String> instanceNames() {
        return IntStream.rangeClosed(1, replicas).mapToObj(this::instanceName).toList();
    }
}
