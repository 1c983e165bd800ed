package io.cloudunit.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/** What the engine really runs, read with the docker CLI as an operator would. */
final class DockerEngine {
    private DockerEngine() {
    }

    static List<String> containersOf(String tenant) {
        return lines(docker("ps", "-a", "-q", "--filter", "label=io.cloudunit.tenant=" + tenant));
    }

    static JsonNode inspect(String container) {
        try {
            return Answer.JSON.readTree(docker("inspect", container)).get(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes what the platform created for a test tenant: containers, its network, its images. */
    static void removeEverythingOf(String tenant) {
        String label = "label=io.cloudunit.tenant=" + tenant;
        List<String> containers = lines(docker("ps", "-a", "-q", "--filter", label));
        if (!containers.isEmpty()) {
            docker(concat(List.of("rm", "-f"), containers));
        }
        List<String> networks = lines(docker("network", "ls", "-q", "--filter", label));
        if (!networks.isEmpty()) {
            docker(concat(List.of("network", "rm"), networks));
        }
        List<String> images = lines(docker("images", "-q", "--filter", label));
        if (!images.isEmpty()) {
            docker(concat(List.of("rmi", "-f"), images.stream().distinct().toList()));
        }
    }

    private static String[] concat(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all.toArray(String[]::new);
    }

    private static List<String> lines(String output) {
        return Arrays.stream(output.split("\n")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static String docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
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
}
