package io.cloudunit.build.archive;

import java.io.IOException;
import java.io.InputStream;

/** An entry that passed the checks: a directory or a regular file, at a safe relative path. */
record ArchiveItem(String path, boolean directory, boolean executable) {

    /** Receives each accepted entry; a file's content is read from the stream, which enforces the limits. */
    @FunctionalInterface
    interface Sink {
        void accept(ArchiveItem item, InputStream content) throws IOException;
    }
}
