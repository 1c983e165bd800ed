package io.cloudunit.deployer.instance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.docker.ContainerInfo;
import io.cloudunit.deployer.docker.ContainerRuntime;
import io.cloudunit.deployer.docker.LogLine;

/**
 * stdout and stderr of every instance of one app, each line tagged with its instance and stream. Blocking: the
 * engine's log API is read on the request's worker thread (and on the engine client's threads when following).
 */
@ApplicationScoped
public class AppLogs {
    private static final Logger LOG = Logger.getLogger(AppLogs.class);
    /** Lines waiting for a slow follower; beyond, lines are dropped and the follower is told how many. */
    private static final int BACKLOG = 10_000;
    private static final Comparator<LogLine> BY_TIME = Comparator.comparing(LogLine::time,
            Comparator.nullsLast(Comparator.naturalOrder()));

    private final InstanceInspector inspector;
    private final ContainerRuntime runtime;
    private final DeployerConfig config;
    private final ObjectMapper json;

    public AppLogs(InstanceInspector inspector, ContainerRuntime runtime, DeployerConfig config, ObjectMapper json) {
        this.inspector = inspector;
        this.runtime = runtime;
        this.config = config;
        this.json = json;
    }

    /** The app's last {@code tail} lines, all instances merged in time order (oldest first). */
    public List<LogLine> tail(String tenant, String app, int tail) {
        List<LogLine> lines = new ArrayList<>();
        for (ContainerInfo container : inspector.containers(tenant, app)) {
            lines.addAll(runtime.logs(container.name(), tail));
        }
        lines.sort(BY_TIME);
        return List.copyOf(lines.subList(Math.max(0, lines.size() - tail), lines.size()));
    }

    public String text(LogLine line) {
        return line.instance() + " " + line.stream() + " " + (line.time() == null ? "-" : line.time()) + " "
                + line.line() + "\n";
    }

    public String jsonLine(LogLine line) {
        try {
            return json.writeValueAsString(line) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Server-Sent Events until the client goes: each instance's last {@code tail} lines, then every new line; an
     * instance that starts meanwhile (a restart, a scale) joins with all its lines. Returns when a write fails.
     */
    public void follow(String tenant, String app, int tail, OutputStream out) {
        BlockingQueue<LogLine> queue = new ArrayBlockingQueue<>(BACKLOG);
        AtomicLong dropped = new AtomicLong();
        Map<String, AutoCloseable> followed = new HashMap<>();
        long sequence = 0;
        try {
            write(out, ": following the logs of " + tenant + "/" + app + "\n\n"); // the answer starts at once
            attach(tenant, app, tail, followed, queue, dropped);
            long now = System.nanoTime();
            long nextScan = now + config.logs().rescanInterval().toNanos();
            long lastWrite = now;
            while (!Thread.currentThread().isInterrupted()) {
                LogLine line = queue.poll(200, TimeUnit.MILLISECONDS);
                now = System.nanoTime();
                if (line != null) {
                    List<LogLine> batch = new ArrayList<>(List.of(line));
                    queue.drainTo(batch, 500);
                    StringBuilder events = new StringBuilder();
                    for (LogLine l : batch) {
                        events.append("id: ").append(++sequence).append("\nevent: log\ndata: ")
                                .append(jsonLine(l).trim()).append("\n\n");
                    }
                    long lost = dropped.getAndSet(0);
                    if (lost > 0) {
                        events.append(": ").append(lost).append(" lines dropped: the client reads too slowly\n\n");
                    }
                    write(out, events.toString());
                    lastWrite = now;
                } else if (now - lastWrite > config.logs().keepAlive().toNanos()) {
                    write(out, ": keep-alive\n\n");
                    lastWrite = now;
                }
                if (now > nextScan) {
                    attach(tenant, app, config.logs().maxTail(), followed, queue, dropped);
                    nextScan = now + config.logs().rescanInterval().toNanos();
                }
            }
        } catch (IOException clientGone) {
            LOG.debugf("log follower of %s/%s left: %s", tenant, app, clientGone.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            followed.values().forEach(AppLogs::closeQuietly);
        }
    }

    /** Follows every container of the app not followed yet (by id: a restarted instance is a new container). */
    private void attach(String tenant, String app, int tail, Map<String, AutoCloseable> followed,
            BlockingQueue<LogLine> queue, AtomicLong dropped) {
        for (ContainerInfo container : inspector.containers(tenant, app)) {
            if (!followed.containsKey(container.id())) {
                followed.put(container.id(), runtime.follow(container.name(), tail, line -> {
                    if (!queue.offer(line)) {
                        dropped.incrementAndGet();
                    }
                }));
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void closeQuietly(AutoCloseable stream) {
        try {
            stream.close();
        } catch (Exception e) {
            LOG.debugf("closing a log stream: %s", e.getMessage());
        }
    }
}
