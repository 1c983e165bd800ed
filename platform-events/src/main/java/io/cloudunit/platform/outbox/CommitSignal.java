package io.cloudunit.platform.outbox;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * Tells this service, the moment a transaction that published events commits, that there is something to relay
 * (ADR 28). {@link Outbox#publish} issues a PostgreSQL {@code NOTIFY} in the publishing transaction; PostgreSQL
 * delivers it only on commit, so a listener never looks before the rows are visible. Listeners ({@link
 * OutboxRelay}, and any poller that waits for rows written along with events) run on an event loop and must not
 * block. A notification lost while the connection is down only delays: every listener keeps its timer.
 */
@ApplicationScoped
public class CommitSignal {
    private static final Logger LOG = Logger.getLogger(CommitSignal.class);
    private static final long RECONNECT_DELAY_MS = 1000;

    private final String channel;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final PgSubscriber subscriber;

    public CommitSignal(Vertx vertx, @ConfigProperty(name = "quarkus.application.name") String serviceName,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.channel = channel(serviceName);
        PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password);
        this.subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> RECONNECT_DELAY_MS);
        subscriber.channel(channel).handler(ignored -> listeners.forEach(CommitSignal::runQuietly));
        subscriber.closeHandler(ignored -> LOG.debugf("commit signal %s disconnected, reconnecting", channel));
        subscriber.connect().onFailure(e -> LOG.warnf(
                "commit signal %s unavailable (%s): events are relayed on the relay's timer only", channel,
                e.getMessage()));
    }

    /** The channel of a service: one per service, so that services sharing a database do not wake each other. */
    static String channel(String serviceName) {
        return "cloudunit_outbox_" + serviceName.replaceAll("[^A-Za-z0-9]", "_");
    }

    String channel() {
        return channel;
    }

    /** {@code listener} runs on an event loop after every commit of this service that published an event. */
    public void onCommit(Runnable listener) {
        listeners.add(listener);
    }

    void stop(@Observes ShutdownEvent ignored) {
        subscriber.close();
    }

    private static void runQuietly(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "a commit listener failed");
        }
    }
}
