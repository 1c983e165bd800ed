package io.cloudunit.deployer.runtime;

import java.util.function.Supplier;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Runs reactive (Hibernate Reactive) work from a worker thread and waits for it. The rollout and the
 * reconciler are blocking code because Docker calls block; they reach the database through this.
 */
public final class Blocking {
    private Blocking() {
    }

    public static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t.getMessage(), t);
        }
    }
}
