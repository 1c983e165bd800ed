package io.cloudunit.gateway.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.gateway.GatewayConfig;
import io.cloudunit.platform.vertx.FreshContext;
import io.vertx.core.Vertx;

/**
 * Writes audit entries behind the calls, never in their way: {@link #record} only queues (it runs on the event
 * loop, after the answer), and one batch at a time is written in its own transaction. Refused calls queue
 * apart and are written last: a flood of them (each 429 of a caller over its limit is one) can fill its own
 * backlog, never delay or push out the entries of calls that reached a service. An entry that cannot be
 * written is logged in full instead.
 */
@ApplicationScoped
public class AuditWriter {
    private static final Logger LOG = Logger.getLogger(AuditWriter.class);
    private static final int BATCH = 100;

    private final AuditService service;
    private final Vertx vertx;
    private final Queue<AuditEntry> forwarded;
    private final Queue<AuditEntry> denied;
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();

    public AuditWriter(AuditService service, Vertx vertx, GatewayConfig config) {
        this.service = service;
        this.vertx = vertx;
        this.forwarded = new ArrayBlockingQueue<>(config.audit().backlog());
        this.denied = new ArrayBlockingQueue<>(config.audit().deniedBacklog());
    }

    public void record(AuditEntry entry) {
        Queue<AuditEntry> queue = entry.outcome() == Outcome.DENIED ? denied : forwarded;
        if (!queue.offer(entry)) {
            long count = dropped.incrementAndGet();
            if (count == 1 || count % 1000 == 0) {
                LOG.warnf("audit backlog full: %d entries dropped so far, this one: %s", count, entry);
            }
        }
        writeNext();
    }

    private void writeNext() {
        if (!writing.compareAndSet(false, true)) {
            return;
        }
        List<AuditEntry> batch = nextBatch();
        if (batch.isEmpty()) {
            writing.set(false);
            // An entry queued after the poll and before the reset would otherwise wait for the next call.
            if (!forwarded.isEmpty() || !denied.isEmpty()) {
                writeNext();
            }
            return;
        }
        FreshContext.run(vertx, () -> service.append(batch).subscribe().with(
                written -> written(),
                failure -> {
                    LOG.errorf(failure, "could not write %d audit entries, they are only in this log: %s",
                            batch.size(), batch);
                    written();
                }));
    }

    private void written() {
        writing.set(false);
        writeNext();
    }

    private List<AuditEntry> nextBatch() {
        List<AuditEntry> batch = new ArrayList<>(BATCH);
        drainInto(forwarded, batch);
        drainInto(denied, batch);
        return batch;
    }

    private static void drainInto(Queue<AuditEntry> queue, List<AuditEntry> batch) {
        AuditEntry entry;
        while (batch.size() < BATCH && (entry = queue.poll()) != null) {
            batch.add(entry);
        }
    }

    @PreDestroy
    void stop() {
        int pending = forwarded.size() + denied.size();
        if (pending > 0) {
            LOG.warnf("stopping with %d audit entries not written: %s %s", pending, forwarded, denied);
        }
    }
}
