package io.cloudunit.platform.vertx;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs work started by a timer or a callback on a new duplicated Vert.x context marked safe: Hibernate Reactive
 * keeps its session in the context, so background work must not share one with a request or a message.
 */
public final class FreshContext {
    private FreshContext() {
    }

    public static void run(Vertx vertx, Runnable action) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> action.run());
    }
}
