package io.cloudunit.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The platform's service processes, as the launcher runs them: killed hard and restarted by the tests. */
final class Services {
    static final Path ROOT = Path.of(System.getProperty("cloudunit.root", "..")).toAbsolutePath().normalize();

    private Services() {
    }

    /** {@code kill -9} of the service, and its exit awaited. */
    static void killHard(String service) throws IOException, InterruptedException {
        Path pidFile = ROOT.resolve(".cloudunit/run/" + service + ".pid");
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(service + " (pid " + pid
                + " from " + pidFile + ") is not running"));
        run("kill", "-9", Long.toString(pid));
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(service + " did not exit after kill -9", e);
        }
    }

    /** {@code ./cloudunit restart <service>}: returns once the service is ready again. */
    static void restart(String service) throws IOException, InterruptedException {
        run(ROOT.resolve("cloudunit").toString(), "restart", service);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish: " + output);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ": "
                    + output);
        }
    }
}
