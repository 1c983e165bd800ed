package io.cloudunit.deployer;

/** Name under which this service records processed events in its inbox (also its Kafka consumer group). */
public final class Consumers {
    public static final String NAME = "deployer-service";

    private Consumers() {
    }
}
