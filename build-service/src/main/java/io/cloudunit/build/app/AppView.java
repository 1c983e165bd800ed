package io.cloudunit.build.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An app as tenant-service shows it to the caller: the stack, and the Java its builds run on ({@code javaVersion}
 * 17 or 25, null = what each JAR is compiled for), matter to builds.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppView(String name, String stack, int memoryMb, double cpus, int replicas, String healthPath,
        Integer javaVersion) {
    /** An app without a pinned Java version. */
    public AppView(String name, String stack, int memoryMb, double cpus, int replicas, String healthPath) {
        this(name, stack, memoryMb, cpus, replicas, healthPath, null);
    }
}
