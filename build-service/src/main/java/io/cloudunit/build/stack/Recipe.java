package io.cloudunit.build.stack;

import java.io.IOException;
import java.nio.file.Path;

/** How one stack turns its upload into a Docker build context. */
public interface Recipe {

    /** The stack name as tenant-service spells it, e.g. {@code java}. */
    String stack();

    /**
     * Refuses, with a 422 problem that says what to fix, an upload this stack cannot run; called before the upload
     * is stored, so it must read the whole upload when a hostile one could hide anything further in.
     */
    void check(Path artifact, String tenant);

    /** Writes the Dockerfile and what it copies into {@code context}, an empty folder. */
    void prepare(Path artifact, Path context, String tenant) throws IOException;
}
