package io.cloudunit.build.stack;

import java.nio.file.Path;

/** How one stack turns its artifact into a Docker build context. */
public interface Recipe {

    /** The stack name as tenant-service spells it, e.g. {@code java}. */
    String stack();

    /** Refuses, with a 422 problem that says what to fix, an artifact this stack cannot run. */
    void check(Path artifact);

    /** Name of the artifact inside the build context, as the Dockerfile copies it. */
    String artifactName();

    /** The generated Dockerfile. */
    String dockerfile();
}
