package io.cloudunit.tenant.app;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What an app is built from (DESIGN §4). */
public enum Stack {
    JAVA, TOMCAT, STATIC, DOCKERFILE, IMAGE;

    public String label() {
        return name().toLowerCase();
    }

    public static Optional<Stack> of(String label) {
        return Arrays.stream(values()).filter(stack -> stack.label().equals(label)).findFirst();
    }

    /** {@code java, tomcat, static, dockerfile, image}: for error details. */
    public static String labels() {
        return Arrays.stream(values()).map(Stack::label).collect(Collectors.joining(", "));
    }
}
