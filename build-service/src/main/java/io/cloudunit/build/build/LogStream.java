package io.cloudunit.build.build;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A build's log as Server-Sent Events: the stored lines after a sequence number first, then each new line as the
 * build writes it (read from {@code build_log} every {@link #EVERY}, so any instance serves any build), and a
 * final {@code end} event whose data is the build's status once it ended. Event id = the line's sequence number,
 * so {@code Last-Event-ID} resumes where a dropped connection stopped.
 */
@ApplicationScoped
public class LogStream {
    static final Duration EVERY = Duration.ofMillis(300);
    static final int BATCH = 500;
    /** A comment after this many quiet polls keeps proxies from closing an idle stream (~15 s). */
    static final int QUIET_POLLS = 50;

    private final BuildService builds;
    private final Vertx vertx;

    public LogStream(BuildService builds, Vertx vertx) {
        this.builds = builds;
        this.vertx = vertx;
    }

    public Multi<OutboundSseEvent> follow(UUID id, int after, Sse sse) {
        return Multi.createFrom().emitter(emitter -> new Follower(id, after, sse, emitter).poll());
    }

    /**
     * The serializer writes {@code data:} and the value with no space between, and clients drop one space after the
     * colon: without this one, a line's own leading space (the builder's {@code  ---> …}) would be lost.
     */
    static String field(String value) {
        return " " + value;
    }

    /** One subscriber's position; every read runs on its own duplicated Vert.x context (Hibernate Reactive). */
    private final class Follower {
        private final UUID id;
        private final Sse sse;
        private final MultiEmitter<? super OutboundSseEvent> emitter;
        private final Context context = safe(VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext()));
        private final AtomicInteger last;
        private final AtomicBoolean stopped = new AtomicBoolean();
        private int quiet;

        Follower(UUID id, int after, Sse sse, MultiEmitter<? super OutboundSseEvent> emitter) {
            this.id = id;
            this.sse = sse;
            this.emitter = emitter;
            this.last = new AtomicInteger(after);
            emitter.onTermination(() -> stopped.set(true));
        }

        /** Hibernate Reactive only runs on a duplicated context flagged safe (isolated), as a request's is. */
        private static Context safe(Context context) {
            VertxContextSafetyToggle.setContextSafe(context, true);
            return context;
        }

        void poll() {
            context.runOnContext(ignored -> builds.logAfter(id, last.get(), BATCH).subscribe()
                    .with(this::send, emitter::fail));
        }

        private void send(BuildService.LogChunk chunk) {
            if (stopped.get()) {
                return;
            }
            for (BuildLogLine line : chunk.lines()) {
                emitter.emit(sse.newEventBuilder().id(Integer.toString(line.seq())).name("line")
                        .data(field(line.line())).build());
                last.set(line.seq());
            }
            if (chunk.lines().size() == BATCH) {
                poll();
            } else if (chunk.ended()) {
                emitter.emit(sse.newEventBuilder().name("end")
                        .data(field(chunk.status() == null ? "deleted" : chunk.status().json())).build());
                emitter.complete();
            } else {
                heartbeat(chunk.lines().isEmpty());
                vertx.setTimer(EVERY.toMillis(), timer -> poll());
            }
        }

        private void heartbeat(boolean quietPoll) {
            quiet = quietPoll ? quiet + 1 : 0;
            if (quiet >= QUIET_POLLS) {
                quiet = 0;
                emitter.emit(sse.newEventBuilder().comment("heartbeat").build());
            }
        }
    }
}
