package io.cloudunit.build.stack;

import java.io.IOException;
import java.nio.file.Path;

import io.cloudunit.build.app.AppView;

/** How one stack turns its upload into a Docker build context. */
public interface Recipe {

    /** The stack name as tenant-service spells it, e.g. {@code java}. */
    String stack();

    /**
     * Refuses, with a 422 problem that says what to fix, an upload this stack cannot run; called before the upload
     * is stored, so it must read the whole upload when a hostile one could hide anything further in.
     */
    void check(Path artifact, String tenant);

    /**
     * {@link #check(Path, String)} for an upload to {@code app}; answers the Java version its image will run on (17
     * or 25), or null for a stack that runs no JVM of ours. Refuses (422) an upload the app's spec cannot run.
     */
    default Integer check(Path artifact, String tenant, AppView app) {
        check(artifact, tenant);
        return null;
    }

    /** Writes the Dockerfile and what it copies into {@code context}, an empty folder. */
    void prepare(Path artifact, Path context, String tenant) throws IOException;

    /**
     * {@link #prepare(Path, Path, String)} on the Java chosen at upload ({@code javaVersion}); null: the stack has no
     * choice, or the build was queued before builds kept their choice (decided now, as it was then).
     */
    default void prepare(Path artifact, Path context, String tenant, Integer javaVersion) throws IOException {
        prepare(artifact, context, tenant);
    }
}
