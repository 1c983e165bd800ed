package io.cloudunit.build.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The docker CLI, for what the tests check and clean up; argument lists, never a shell. Everything a test
 * creates carries {@link #TEST_LABEL} or the test's unique tenant label, and is removed by label.
 */
public final class DockerCli {
    public static final String TEST_LABEL = "io.cloudunit.test=build-service";

    private DockerCli() {
    }

    public static String run(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(Arrays.asList(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Builds {@code dir} with the legacy builder (as the service does), labelled for the test and the tenant. */
    public static void build(java.nio.file.Path dir, String tag, String tenantLabel) {
        List<String> command = List.of("docker", "build", "-q", "--network", "none", "--label", TEST_LABEL,
                "--label", "io.cloudunit.tenant=" + tenantLabel, "-t", tag, dir.toString());
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DOCKER_BUILDKIT", "0");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the engine still has this container or image ({@code kind} = container or image). */
    public static boolean exists(String kind, String id) {
        try {
            run(kind, "inspect", "--format", "{{.Id}}", id);
            return true;
        } catch (IllegalStateException e) {
            if (e.getMessage().contains("No such")) {
                return false;
            }
            throw e;
        }
    }

    public static String label(String image, String label) {
        return run("image", "inspect", "--format", "{{index .Config.Labels \"" + label + "\"}}", image);
    }

    /** Removes the containers and images labelled with this tenant (only the tests' unique tenants). */
    public static void removeTenant(String tenant) {
        String filter = "label=io.cloudunit.tenant=" + tenant;
        for (String container : run("ps", "-aq", "--filter", filter).lines().toList()) {
            run("rm", "-f", container);
        }
        // An image built FROM another of the tenant's keeps its parent until it is gone itself: the engine refuses
        // the parent within the same rmi, so go again while each pass removes something.
        List<String> images = imagesOf(filter);
        while (!images.isEmpty()) {
            List<String> rmi = new ArrayList<>(List.of("rmi", "-f"));
            rmi.addAll(images);
            try {
                run(rmi.toArray(String[]::new));
            } catch (IllegalStateException refused) {
                List<String> left = imagesOf(filter);
                if (left.size() >= images.size()) {
                    throw refused;
                }
            }
            images = imagesOf(filter);
        }
    }

    private static List<String> imagesOf(String filter) {
        return run("images", "-q", "--filter", filter).lines().distinct().toList();
    }
}
