package io.cloudunit.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A steady load through the router: {@code clients} threads, each sending one GET every {@code period}, every
 * answer (or connection error) recorded with its latency and body, until {@link #stop()}.
 */
final class SteadyLoad {
    /** One request: status -1 when it failed without an answer (connection refused or reset, timeout). */
    record Sample(long startedNanos, long latencyNanos, int status, String body, String error) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final ExecutorService clients;
    private final HttpRequest request;
    private final long periodNanos;
    private volatile boolean running = true;

    private SteadyLoad(String app, String tenant, int clients, Duration period) {
        this.clients = Executors.newFixedThreadPool(clients);
        this.periodNanos = period.toNanos();
        this.request = HttpRequest.newBuilder(URI.create(Platform.ROUTER + "/load"))
                .header("Host", Platform.appHost(app, tenant)).timeout(Duration.ofSeconds(10)).GET().build();
        for (int i = 0; i < clients; i++) {
            this.clients.execute(this::sendUntilStopped);
        }
    }

    static SteadyLoad start(String app, String tenant, int clients, Duration period) {
        return new SteadyLoad(app, tenant, clients, period);
    }

    private void sendUntilStopped() {
        long next = System.nanoTime();
        while (running) {
            long started = System.nanoTime();
            try {
                var response = CLIENT.send(request, BodyHandlers.ofString());
                samples.add(new Sample(started, System.nanoTime() - started, response.statusCode(), response.body(),
                        null));
            } catch (java.io.IOException e) {
                samples.add(new Sample(started, System.nanoTime() - started, -1, null, e.toString()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                // pacing the load, not synchronising with anything
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }
    }

    List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    /** The body of the most recent answer that had one. */
    String lastBody() {
        Sample last = null;
        for (Sample sample : samples) {
            if (sample.body() != null && (last == null || sample.startedNanos() > last.startedNanos())) {
                last = sample;
            }
        }
        return last == null ? null : last.body();
    }

    List<Sample> stop() throws InterruptedException {
        running = false;
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.SECONDS);
        return samples();
    }

    /** Requests, failures, answers per body and latency percentiles, one line. */
    static String figures(String label, List<Sample> samples, double seconds) {
        long failures = samples.stream().filter(s -> s.status() != 200).count();
        long[] latencies = samples.stream().mapToLong(Sample::latencyNanos).sorted().toArray();
        Map<String, Long> bodies = new TreeMap<>();
        samples.stream().filter(s -> s.status() == 200)
                .forEach(s -> bodies.merge(s.body().replaceAll(" from .*", ""), 1L, Long::sum));
        return String.format("%s: %d requests in %.1f s (%.0f req/s), %d failed, p50 %.1f ms, p99 %.1f ms, "
                + "max %.1f ms, answers %s", label, samples.size(), seconds, samples.size() / seconds, failures,
                percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 1.0), bodies);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
