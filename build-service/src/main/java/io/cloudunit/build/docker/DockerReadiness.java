package io.cloudunit.build.docker;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.common.annotation.Blocking;

/** Builds need the engine: without it the service is not ready. */
@Readiness
@Blocking
@ApplicationScoped
public class DockerReadiness implements HealthCheck {
    private final ImageBuilder images;

    public DockerReadiness(ImageBuilder images) {
        this.images = images;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            images.ping();
            return HealthCheckResponse.up("docker");
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("docker").down().withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
