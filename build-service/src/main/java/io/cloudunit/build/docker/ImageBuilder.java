package io.cloudunit.build.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** The image a reference (name, name:tag, id) points to on the engine, if any; never pulls. */
    Optional<FoundImage> find(String reference);

    /** Throws when the engine does not answer. */
    void ping();

    /** Images on the engine carrying every one of these labels (tagged or not). */
    List<StoredImage> images(Map<String, String> labels);

    /**
     * Removes a tag (the image goes with its last tag) or an untagged image by id; never forced, so an image a
     * container still uses stays and this throws. Already gone = success.
     */
    void remove(String tagOrId);

    /** Whether a container, running or stopped, was created from this image (or from an image built FROM it). */
    boolean inUse(String imageId);

    /** An image as the engine lists it: id, tags ({@code repo:tag}) and labels. */
    record StoredImage(String id, List<String> tags, Map<String, String> labels) {
    }

    /** An image as the engine describes it: id, labels and ONBUILD triggers (run by any build FROM it). */
    record FoundImage(String id, Map<String, String> labels, List<String> onBuild) {
    }

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
