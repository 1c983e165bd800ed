package io.cloudunit.deployer.support;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens TCP connections from inside a running container, with the container's own hardening: the app images hold
 * class {@code Probe} next to their {@code Main} (the base images have no shell, nc or curl), and
 * {@code docker exec} runs it with the container's user, capabilities and network.
 */
public final class ConnectProbe {
    public static final String CLASS = "Probe";

    /** Prints "host:port OPEN", "host:port REFUSED …", "host:port TIMEOUT" or "host:port ERROR …" per target. */
    public static final String SOURCE = """
            import java.net.ConnectException;
            import java.net.InetSocketAddress;
            import java.net.Socket;
            import java.net.SocketTimeoutException;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Future;

            public class Probe {
                public static void main(String[] targets) throws Exception {
                    ExecutorService pool = Executors.newFixedThreadPool(16);
                    List<Future<String>> results = new ArrayList<>();
                    for (String target : targets) {
                        results.add(pool.submit(() -> "probe " + target + " " + connect(target)));
                    }
                    for (Future<String> result : results) {
                        System.out.println(result.get());
                    }
                    pool.shutdown();
                }

                static String connect(String target) {
                    int colon = target.lastIndexOf(':');
                    String host = target.substring(0, colon);
                    int port = Integer.parseInt(target.substring(colon + 1));
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(host, port), 1500);
                        return "OPEN";
                    } catch (SocketTimeoutException e) {
                        return "TIMEOUT";
                    } catch (ConnectException e) {
                        return "REFUSED " + e.getMessage();
                    } catch (Exception e) {
                        return "ERROR " + e;
                    }
                }
            }
            """;

    private ConnectProbe() {
    }

    /** The outcome of a connection to each target ({@code host:port}) from inside {@code container}. */
    public static Map<String, String> from(String container, List<String> targets) {
        List<String> args = new ArrayList<>(List.of("exec", container, "java", "-Xmx24m", "-XX:TieredStopAtLevel=1",
                "-cp", "/app/app.jar", CLASS));
        args.addAll(targets);
        Docker.Result result = Docker.run(null, args.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("the probe in " + container + " failed: " + result.out());
        }
        Map<String, String> outcomes = new LinkedHashMap<>();
        // Other lines are the JVM's notes (JAVA_TOOL_OPTIONS picked up …).
        result.out().lines().filter(line -> line.startsWith("probe ")).map(line -> line.split(" ", 3))
                .forEach(parts -> outcomes.put(parts[1], parts[2]));
        System.out.printf("probe from %s: %d targets, %s%n", container, outcomes.size(), summary(outcomes));
        if (!outcomes.keySet().containsAll(targets)) {
            throw new IllegalStateException("the probe in " + container + " did not answer for every target: "
                    + result.out());
        }
        return outcomes;
    }

    /** How many targets ended how: {OPEN=3, REFUSED=220, TIMEOUT=1}. */
    public static Map<String, Long> summary(Map<String, String> outcomes) {
        return new java.util.TreeMap<>(outcomes.values().stream().collect(java.util.stream.Collectors.groupingBy(
                outcome -> outcome.split(" ", 2)[0], java.util.stream.Collectors.counting())));
    }

    /** Every IPv4 address of this machine (loopback, its interfaces, every bridge's gateway), as {@code ip -4 addr}. */
    public static List<String> hostAddresses() {
        try {
            List<String> out = new ArrayList<>();
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        out.add(address.getHostAddress());
                    }
                }
            }
            return out;
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }
}
