package io.cloudunit.build.events;

import io.smallrye.mutiny.Uni;

final class Consumers {
    /** The inbox consumer name of this service, for every topic it reads. */
    static final String NAME = "build-service";

    private Consumers() {
    }

    static Uni<Void> nothing() {
        return Uni.createFrom().voidItem();
    }
}
