package io.cloudunit.deployer.runtime;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.docker.ContainerRuntime;

/** Not ready while the container engine does not answer: nothing could be rolled out. */
@Readiness
@ApplicationScoped
public class EngineReadiness implements HealthCheck {
    private final ContainerRuntime runtime;
    private final DeployerConfig config;

    public EngineReadiness(ContainerRuntime runtime, DeployerConfig config) {
        this.runtime = runtime;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("container engine")
                .status(runtime.ping())
                .withData("host", config.dockerHost())
                .build();
    }
}
