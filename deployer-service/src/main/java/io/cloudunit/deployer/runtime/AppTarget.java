package io.cloudunit.deployer.runtime;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What should run for one app: a release's image shaped by the app's spec.
 *
 * @param healthPath path answering 2xx/3xx once the app serves, or null for a plain TCP check
 */
public record AppTarget(String tenant, String app, int version, String image, int replicas, int memoryMb,
        double cpus, String healthPath) {

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
