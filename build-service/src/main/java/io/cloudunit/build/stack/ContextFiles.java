package io.cloudunit.build.stack;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writing into a build context. */
final class ContextFiles {
    static final String DOCKERFILE = "Dockerfile";

    private ContextFiles() {
    }

    static void dockerfile(Path context, String content) throws IOException {
        Files.writeString(context.resolve(DOCKERFILE), content);
    }

    /** A hard link costs nothing for a large artifact; a copy where the file system refuses links. */
    static void link(Path artifact, Path target) throws IOException {
        try {
            Files.createLink(target, artifact);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(artifact, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
