package io.cloudunit.deployer.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The docker CLI, as an operator would use it: an independent witness of what the deployer did. */
public final class Docker {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Docker() {
    }

    public record Result(int exitCode, String out) {
    }

    public static Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DOCKER_BUILDKIT", "0");
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        try {
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("docker " + String.join(" ", args) + " timed out");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String ok(String... args) {
        Result result = run(null, args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("docker " + String.join(" ", args) + " failed: " + result.out());
        }
        return result.out();
    }

    /** {@code docker inspect} of one object, or null when it does not exist. */
    public static JsonNode inspect(String... nameAndType) {
        List<String> args = new ArrayList<>(List.of("inspect"));
        args.addAll(List.of(nameAndType));
        Result result = run(null, args.toArray(String[]::new));
        if (result.exitCode() != 0) {
            return null;
        }
        try {
            return JSON.readTree(result.out()).get(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean exists(String container) {
        return inspect("--type", "container", container) != null;
    }

    /**
     * What a container's network looks like: the inspection of the sandbox whose network it joined (ADR 0033), or
     * its own when it joined none.
     */
    public static JsonNode networkOf(String container) {
        JsonNode inspected = inspect("--type", "container", container);
        String mode = inspected == null ? "" : inspected.at("/HostConfig/NetworkMode").asText();
        return mode.startsWith("container:") ? inspect("--type", "container", mode.substring("container:".length()))
                : inspected;
    }

    /** The containers of instances with these labels, without the network sandboxes. */
    public static List<String> instances(String... labelFilters) {
        List<String> args = new ArrayList<>(List.of("ps", "-a", "--format",
                "{{.Names}} {{.Label \"io.cloudunit.sandbox\"}}"));
        for (String filter : labelFilters) {
            args.add("--filter");
            args.add("label=" + filter);
        }
        return ok(args.toArray(String[]::new)).lines().map(String::trim).filter(line -> !line.isEmpty())
                .map(line -> line.split(" ")).filter(f -> f.length == 1 || !"true".equals(f[1])).map(f -> f[0])
                .toList();
    }

    /** Every container with these labels: instances and network sandboxes. */
    public static List<String> containers(String... labelFilters) {
        List<String> args = new ArrayList<>(List.of("ps", "-a", "--format", "{{.Names}}"));
        for (String filter : labelFilters) {
            args.add("--filter");
            args.add("label=" + filter);
        }
        String out = ok(args.toArray(String[]::new));
        return out.isBlank() ? List.of() : List.of(out.split("\\s+"));
    }

    /** Removes every container and network of these test tenants (label-selected: never anything else). */
    public static void removeTenants(List<String> tenants) {
        for (String tenant : tenants) {
            for (String name : containers("io.cloudunit.managed=true", "io.cloudunit.tenant=" + tenant)) {
                run(null, "rm", "-f", name);
            }
            String networks = ok("network", "ls", "-q", "--filter", "label=io.cloudunit.tenant=" + tenant);
            for (String id : networks.isBlank() ? new String[0] : networks.split("\\s+")) {
                run(null, "network", "rm", id);
            }
        }
    }
}
