package io.cloudunit.tenant.app;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonSetter;

import io.cloudunit.platform.events.AppEvent;
import io.cloudunit.platform.problem.ProblemException;

/**
 * Body of {@code PATCH /tenants/{t}/apps/{a}}: the fields given replace the app's, the others stay. Any other
 * field (name, stack, healthPath…) is refused rather than ignored, so that nobody believes it changed.
 * {@code "javaVersion": null} is a change (back to the automatic choice), unlike a missing javaVersion.
 * {@code autoRollback} is true or false (ADR 0027); anything else, null included, is refused.
 */
public class AppScale {
    public Integer replicas;
    public Integer memoryMb;
    public Double cpus;
    private Integer javaVersion;
    private boolean javaVersionGiven;
    private Object autoRollback;
    private boolean autoRollbackGiven;
    private final List<String> unknown = new ArrayList<>();

    @JsonAnySetter
    void unknown(String field, Object value) {
        unknown.add(field);
    }

    @JsonSetter("javaVersion")
    void javaVersion(Integer value) {
        javaVersion = value;
        javaVersionGiven = true;
    }

    @JsonSetter("autoRollback")
    void autoRollback(Object value) {
        autoRollback = value;
        autoRollbackGiven = true;
    }

    /** The spec after this change; 422 naming every field that cannot change or is out of range. */
    public AppEvent.Spec applyTo(AppEvent.Spec before) {
        int memory = memoryMb != null ? memoryMb : before.memoryMb();
        double cpu = cpus != null ? cpus : before.cpus();
        int count = replicas != null ? replicas : before.replicas();
        Integer java = javaVersionGiven ? javaVersion : before.javaVersion();
        List<String> errors = new ArrayList<>();
        if (!unknown.isEmpty()) {
            errors.add("only replicas, memoryMb, cpus, javaVersion and autoRollback can change, not "
                    + String.join(", ", unknown));
        }
        boolean rollBack = autoRollbackGiven
                ? AutoRollbackChoice.read(autoRollback, before.rollsBackAutomatically(), errors)
                : before.rollsBackAutomatically();
        if (memory < NewApp.MIN_MEMORY_MB || memory > NewApp.MAX_MEMORY_MB) {
            errors.add("memoryMb " + memory + " is out of range: use " + NewApp.MIN_MEMORY_MB + " to "
                    + NewApp.MAX_MEMORY_MB);
        }
        if (!(cpu >= NewApp.MIN_CPUS && cpu <= NewApp.MAX_CPUS)) {
            errors.add("cpus " + cpu + " is out of range: use " + NewApp.MIN_CPUS + " to " + NewApp.MAX_CPUS);
        }
        if (count < 0 || count > NewApp.MAX_REPLICAS) {
            errors.add("replicas " + count + " is out of range: use 0 to " + NewApp.MAX_REPLICAS);
        }
        JavaVersions.problem(before.stack(), java).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(String.join("; ", errors) + ": nothing was changed");
        }
        return new AppEvent.Spec(before.stack(), memory, cpu, count, before.healthPath(), java, rollBack);
    }
}
