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

    /** Everything of the tenant: its instances and the network sandboxes they run in. */
    static List<String> containersOf(String tenant) {
        return lines(docker("ps", "-a", "-q", "--filter", "label=io.cloudunit.tenant=" + tenant));
    }

    /** The tenant's instances (any state, or those matching more filters), without the network sandboxes. */
    static List<String> instancesOf(String tenant, String... filters) {
        List<String> args = new ArrayList<>(List.of("ps", "-a", "--filter", "label=io.cloudunit.tenant=" + tenant));
        for (String filter : filters) {
            args.addAll(List.of("--filter", filter));
        }
        args.addAll(List.of("--format", "{{.ID}} {{.Label \"io.cloudunit.sandbox\"}}"));
        return lines(docker(args.toArray(String[]::new))).stream().map(line -> line.split(" "))
                .filter(f -> f.length == 1 || !"true".equals(f[1])).map(f -> f[0]).toList();
    }

    /** The inspection of what holds the container's network: the sandbox it joined (ADR 0033), or itself. */
    static JsonNode networkOf(String container) {
        JsonNode inspected = inspect(container);
        String mode = inspected.at("/HostConfig/NetworkMode").asText();
        return mode.startsWith("container:") ? inspect(mode.substring("container:".length())) : inspected;
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
