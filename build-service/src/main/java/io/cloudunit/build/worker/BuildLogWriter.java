package io.cloudunit.build.worker;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.cloudunit.build.build.BuildLogLine;
import io.cloudunit.build.build.BuildTransitions;

/**
 * Collects one build's output and stores it in batches, so a chatty build does not cost a transaction
 * per line while a reader still sees the log within a fraction of a second ({@link #flushIfStale}).
 */
final class BuildLogWriter {
    private static final Logger LOG = Logger.getLogger(BuildLogWriter.class);
    private static final int BATCH = 100;
    private static final long STALE_NANOS = 250_000_000L;
    private static final int MAX_LINE = 4096;

    private final UUID buildId;
    private final BuildTransitions transitions;
    private final int maxLines;
    private final List<BuildLogLine> pending = new ArrayList<>();
    private int seq;
    private long oldestPending;

    BuildLogWriter(UUID buildId, BuildTransitions transitions, int maxLines) {
        this.buildId = buildId;
        this.transitions = transitions;
        this.maxLines = maxLines;
    }

    synchronized void line(String text) {
        if (seq == maxLines) {
            add("... log truncated after " + maxLines + " lines");
        }
        if (seq > maxLines) {
            return;
        }
        add(text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + " ..." : text);
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    synchronized void flushIfStale() {
        if (!pending.isEmpty() && System.nanoTime() - oldestPending >= STALE_NANOS) {
            flush();
        }
    }

    synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<BuildLogLine> batch = List.copyOf(pending);
        pending.clear();
        try {
            OnVertx.await(() -> transitions.appendLog(batch));
        } catch (RuntimeException e) {
            LOG.warnf("lost %d log line(s) of build %s: %s", batch.size(), buildId, e.toString());
        }
    }

    private void add(String text) {
        if (pending.isEmpty()) {
            oldestPending = System.nanoTime();
        }
        seq++;
        pending.add(new BuildLogLine(buildId, seq, text, Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }
}
