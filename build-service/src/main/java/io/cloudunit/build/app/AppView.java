package io.cloudunit.build.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An app as tenant-service shows it to the caller; only the stack matters to builds. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppView(String name, String stack, int memoryMb, double cpus, int replicas, String healthPath) {
}
