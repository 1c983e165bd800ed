package io.cloudunit.deployer.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.docker.ContainerInfo;
import io.cloudunit.deployer.docker.ContainerRuntime;
import io.cloudunit.deployer.docker.ContainerRuntimeException;

/**
 * Waits until every new instance answers its health check at its tenant-network address, and fails early
 * when one of them exits. Blocking: runs on the rollout / reconciler threads.
 */
@ApplicationScoped
public class HealthGate {
    /**
     * Probes are cheap and frequent (a JVM that starts in 0.8 s should serve at 0.82 s, not at 1 s); asking the
     * engine whether an instance exited is not, so a running instance with an address is inspected again only
     * this often.
     */
    static final long REINSPECT_MILLIS = 500;

    private final ContainerRuntime runtime;
    private final DeployerConfig config;
    private final SpareSandboxes spares;
    private final HttpClient http;

    public HealthGate(ContainerRuntime runtime, DeployerConfig config, SpareSandboxes spares) {
        this.spares = spares;
        this.runtime = runtime;
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.healthProbeTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public sealed interface Outcome {
    }

    public record Healthy(List<ServingInstance> instances) implements Outcome {
    }

    public record Unhealthy(String reason) implements Outcome {
    }

    /** One probe: the serving instance, or why it does not serve yet. */
    private record Probe(ServingInstance serving, String problem) {
        static Probe notYet(String problem) {
            return new Probe(null, problem);
        }
    }

    /** Waits up to the health grace until every instance answers; fails as soon as one exits or disappears. */
    public Outcome await(AppTarget target, List<String> names) {
        Map<String, ServingInstance> healthy = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, Integer> restartsBefore = new LinkedHashMap<>();
        Map<String, ContainerInfo> reachable = new LinkedHashMap<>();
        long deadline = System.nanoTime() + config.healthGrace().toNanos();
        long reinspectEvery = Math.max(1, REINSPECT_MILLIS / Math.max(1, config.healthPollInterval().toMillis()));
        for (int round = 0; ; round++) {
            boolean reinspect = round % reinspectEvery == 0;
            for (String name : names) {
                if (healthy.containsKey(name)) {
                    continue;
                }
                Optional<ContainerInfo> info = !reinspect && reachable.containsKey(name)
                        ? Optional.of(reachable.get(name)) : runtime.inspect(name);
                if (info.isEmpty()) {
                    return new Unhealthy("instance " + name + " disappeared while starting");
                }
                int restarts = restartsBefore.computeIfAbsent(name, n -> info.get().restartCount());
                if (info.get().failed(restarts)) {
                    return new Unhealthy(exited(target, info.get()));
                }
                if (info.get().running() && info.get().ipOn(Labels.network(target.tenant())).isPresent()) {
                    reachable.put(name, info.get());
                }
                Probe probe = probe(target, info.get());
                if (probe.serving() != null) {
                    String unlimited = settle(target, name);
                    if (unlimited != null) {
                        return new Unhealthy(unlimited);
                    }
                    healthy.put(name, probe.serving());
                } else {
                    problems.put(name, probe.problem());
                }
            }
            if (healthy.size() == names.size()) {
                return new Healthy(names.stream().map(healthy::get).toList());
            }
            if (System.nanoTime() > deadline) {
                String late = names.stream().filter(n -> !healthy.containsKey(n)).findFirst().orElseThrow();
                return new Unhealthy(timedOut(target, late, problems.get(late)));
            }
            if (!pause()) {
                return new Unhealthy("the deployer stopped while waiting for the instances to get healthy");
            }
        }
    }

    /** One probe of each instance, no waiting: those that run and answer now (with the app's own CPUs). */
    public List<ServingInstance> answeringNow(AppTarget target, List<String> names) {
        return names.stream()
                .map(runtime::inspect)
                .flatMap(Optional::stream)
                .map(info -> probe(target, info).serving())
                .filter(Objects::nonNull)
                .filter(serving -> settle(target, serving.name()) == null)
                .toList();
    }

    /**
     * An instance that answers runs with the app's own CPUs from now on, no longer the startup ones; null when set,
     * else why not (an instance created with the app's own needs no call). One that keeps more than the app asked
     * for never serves. Its start is over: the spare sandbox it may have taken is made up shortly (ADR 0033).
     */
    private String settle(AppTarget target, String name) {
        try {
            if (target.startupNanoCpus(config.container().startupCpus()) > target.nanoCpus()) {
                runtime.limitCpus(name, target.nanoCpus());
            }
            spares.refillSoon(target.tenant());
            return null;
        } catch (ContainerRuntimeException e) {
            return "instance " + name + " answered but its CPUs could not be set to the app's: " + e.getMessage();
        }
    }

    /** One probe of a serving instance at {@code address} (host:port): null when it answers, else what failed. */
    public String problem(String address, String healthPath) {
        int colon = address.lastIndexOf(':');
        String ip = address.substring(0, colon);
        int port = Integer.parseInt(address.substring(colon + 1));
        return healthPath == null ? tcpProblem(ip, port) : httpProblem(ip, port, healthPath);
    }

    private Probe probe(AppTarget target, ContainerInfo info) {
        String network = Labels.network(target.tenant());
        if (!info.running()) {
            return Probe.notYet("container is " + info.status());
        }
        Optional<String> ip = info.ipOn(network);
        if (ip.isEmpty()) {
            return Probe.notYet("no address on " + network);
        }
        int port = config.container().port();
        String problem = target.healthPath() == null ? tcpProblem(ip.get(), port)
                : httpProblem(ip.get(), port, target.healthPath());
        return problem != null ? Probe.notYet(problem)
                : new Probe(new ServingInstance(info.name(), target.version(), ip.get(), port, info.hostPort()),
                        null);
    }

    /** null when the path answers 2xx or 3xx. */
    private String httpProblem(String ip, int port, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + ip + ":" + port + path))
                .timeout(config.healthProbeTimeout()).GET().build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 400 ? null : "GET " + path + " answered " + status;
        } catch (IOException e) {
            return "GET " + path + ": " + describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** null when the port accepts a connection. */
    private String tcpProblem(String ip, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), (int) config.healthProbeTimeout().toMillis());
            return null;
        } catch (IOException e) {
            return "TCP connect: " + describe(e);
        }
    }

    private String exited(AppTarget target, ContainerInfo info) {
        if (info.oomKilled()) {
            return "instance " + info.name() + " of v" + target.version() + " was killed for running out of memory "
                    + "(OOM: over its " + target.memoryMb() + " MB limit, exit code " + info.exitCode() + ") before "
                    + "it answered on port " + config.container().port() + "; raise memoryMb (PATCH …/apps/"
                    + target.app() + ") or make the app use less" + logTail(info.name());
        }
        String how = "exited".equals(info.status()) || "dead".equals(info.status()) ? "exited"
                : "crashed (restarted " + info.restartCount() + " times)";
        return "instance " + info.name() + " of v" + target.version() + " " + how + " with exit code "
                + info.exitCode() + " before it answered on port " + config.container().port()
                + "; make sure the app keeps running and listens on $PORT" + logTail(info.name());
    }

    private String timedOut(AppTarget target, String name, String problem) {
        String check = target.healthPath() == null ? "a TCP connection" : "GET " + target.healthPath();
        return "instance " + name + " of v" + target.version() + " did not accept " + check + " on port "
                + config.container().port() + " within " + config.healthGrace().toSeconds() + "s (last: "
                + problem + "); make sure the app listens on $PORT and answers its health path" + logTail(name);
    }

    private String logTail(String name) {
        List<String> lines = runtime.logTail(name, config.failureLogLines());
        return lines.isEmpty() ? "; it wrote no log" : "; last log lines:\n" + String.join("\n", lines);
    }

    private boolean pause() {
        try {
            Thread.sleep(config.healthPollInterval().toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
