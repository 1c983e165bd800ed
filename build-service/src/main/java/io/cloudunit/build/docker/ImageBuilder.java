package io.cloudunit.build.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** The Docker engine, as far as builds need it. The only door to docker-java in this service. */
public interface ImageBuilder {

    /**
     * Builds the context directory (a Dockerfile at its root) into an image tagged {@code tag}, streaming the
     * build output line by line to {@code log}. Blocks until the image exists; never pulls.
     *
     * @throws ImageBuildException when the build fails or outlives {@code timeout}
     */
    BuiltImage build(Path context, String tag, Map<String, String> labels, Duration timeout, Consumer<String> log);

    /** Throws when the engine does not answer. */
    void ping();

    /** An image the engine built: its tag and its id ({@code sha256:…}). */
    record BuiltImage(String tag, String id) {
    }

    class ImageBuildException extends RuntimeException {
        private final boolean timedOut;

        public ImageBuildException(String message, boolean timedOut, Throwable cause) {
            super(message, cause);
            this.timedOut = timedOut;
        }

        public boolean timedOut() {
            return timedOut;
        }
    }
}
