package io.cloudunit.tenant.app;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.cloudunit.platform.events.AppEvent;
import io.cloudunit.platform.problem.Names;
import io.cloudunit.platform.problem.ProblemException;

/**
 * Body of {@code POST /tenants/{t}/apps}: only name and stack are required; javaVersion null = automatic;
 * autoRollback absent = false (ADR 0027), kept as given so that a non-boolean is named in the 422.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NewApp(String name, String stack, Integer memoryMb, Double cpus, Integer replicas, String healthPath,
        Integer javaVersion,
        @Schema(type = SchemaType.BOOLEAN, defaultValue = "false", description = "a release that never gets "
                + "healthy is followed by a new release of the one that served (ADR 0027)") Object autoRollback) {

    static final int DEFAULT_MEMORY_MB = 512;
    static final double DEFAULT_CPUS = 0.5;
    static final int DEFAULT_REPLICAS = 1;
    static final int MIN_MEMORY_MB = 64;
    static final int MAX_MEMORY_MB = 8192;
    static final double MIN_CPUS = 0.1;
    static final double MAX_CPUS = 4;
    static final int MAX_REPLICAS = 10;
    static final int MAX_HEALTH_PATH = 200;

    /** The spec with defaults applied; 422 naming every invalid field otherwise. */
    public AppEvent.Spec validatedSpec() {
        List<String> errors = new ArrayList<>();
        try {
            Names.requireDnsLabel("app name", name);
        } catch (ProblemException e) {
            errors.add(e.getMessage());
        }
        if (Stack.of(stack).isEmpty()) {
            errors.add("stack " + (stack == null ? "is required" : "'" + stack + "' is not supported")
                    + ": use one of " + Stack.labels());
        }
        int memory = memoryMb != null ? memoryMb : DEFAULT_MEMORY_MB;
        if (memory < MIN_MEMORY_MB || memory > MAX_MEMORY_MB) {
            errors.add("memoryMb " + memory + " is out of range: use " + MIN_MEMORY_MB + " to " + MAX_MEMORY_MB);
        }
        double cpu = cpus != null ? cpus : DEFAULT_CPUS;
        if (!(cpu >= MIN_CPUS && cpu <= MAX_CPUS)) {
            errors.add("cpus " + cpu + " is out of range: use " + MIN_CPUS + " to " + MAX_CPUS);
        }
        int count = replicas != null ? replicas : DEFAULT_REPLICAS;
        if (count < 0 || count > MAX_REPLICAS) {
            errors.add("replicas " + count + " is out of range: use 0 to " + MAX_REPLICAS);
        }
        if (healthPath != null && (!healthPath.startsWith("/") || healthPath.length() > MAX_HEALTH_PATH)) {
            errors.add("healthPath must start with '/' and have at most " + MAX_HEALTH_PATH
                    + " characters, or be null to check only that the port answers");
        }
        if (Stack.of(stack).isPresent()) {
            JavaVersions.problem(stack, javaVersion).ifPresent(errors::add);
        }
        boolean rollBack = autoRollback != null && AutoRollbackChoice.read(autoRollback, false, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(String.join("; ", errors));
        }
        return new AppEvent.Spec(stack, memory, cpu, count, healthPath, javaVersion, rollBack);
    }
}
