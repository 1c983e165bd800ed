package io.cloudunit.tenant.app;

import java.util.List;
import java.util.Optional;

/**
 * The Java an app may pin (ADR 0020): the JDKs of the base images. {@code java} takes 17 or 25; {@code tomcat} runs
 * Tomcat 10.1 on Java 17 only, so it takes 17 (saying so changes nothing); the other stacks run no JVM of ours.
 */
final class JavaVersions {
    static final List<Integer> AVAILABLE = List.of(17, 25);
    private static final int TOMCAT_JAVA = 17;

    private JavaVersions() {
    }

    /** Why {@code javaVersion} cannot be asked of an app of this stack, if it cannot; null means automatic. */
    static Optional<String> problem(String stack, Integer javaVersion) {
        if (javaVersion == null) {
            return Optional.empty();
        }
        if (!AVAILABLE.contains(javaVersion)) {
            return Optional.of("javaVersion " + javaVersion + " is not available: use 17 or 25, or null to let each "
                    + "build run on the Java its JAR is compiled for");
        }
        if (Stack.JAVA.label().equals(stack)) {
            return Optional.empty();
        }
        if (Stack.TOMCAT.label().equals(stack)) {
            return javaVersion == TOMCAT_JAVA ? Optional.empty()
                    : Optional.of("stack tomcat runs Tomcat 10.1 on Java 17: javaVersion can only be 17 or null "
                            + "(use stack java with an embedded server for Java 25)");
        }
        return Optional.of("javaVersion applies to stacks java and tomcat only, not " + stack + ": leave it out");
    }
}
