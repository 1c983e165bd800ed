package io.cloudunit.platform.outbox;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the outbox relay, shared by every service. */
@ConfigMapping(prefix = "cloudunit.outbox")
public interface OutboxConfig {

    /**
     * Pause between two relay passes that no commit asked for: each commit that published starts a pass at once
     * ({@link CommitSignal}); this timer only covers a signal lost while its connection was down.
     */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Most events published per relay pass. */
    @WithDefault("200")
    int batchSize();

    /** Longest wait for the broker to acknowledge a batch before the pass fails and is retried. */
    @WithDefault("30s")
    Duration ackTimeout();

    /** Kafka bootstrap servers the relay publishes to. */
    @WithDefault("${kafka.bootstrap.servers:127.0.0.1:9092}")
    String bootstrapServers();

    /**
     * Prepended to every topic name the relay publishes to. Absent in production; the test profile of
     * every service sets {@code test.} so tests never feed events to a running platform. Incoming
     * channels use the same property in their {@code topic} setting.
     */
    Optional<String> topicPrefix();
}
