package io.cloudunit.build.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.build.archive.ArchiveFormat;
import io.cloudunit.build.archive.SafeArchives;
import io.cloudunit.platform.problem.ProblemException;

/**
 * Stack {@code dockerfile}: a tar (or tar.gz) of a build context with a Dockerfile at its root, built as it is.
 * The context is extracted through the archive checks; every image the Dockerfile builds from must be on the
 * engine and not another tenant's ({@link ImageAccess}). The build itself runs without network, with the memory
 * and CPU limits and the timeout of every build (ADR 17).
 */
@ApplicationScoped
public class DockerfileRecipe implements Recipe {
    static final String WHAT = "a build context (a tar with a Dockerfile)";
    private static final int MAX_DOCKERFILE = 1024 * 1024;

    private final SafeArchives archives;
    private final ImageAccess access;

    public DockerfileRecipe(SafeArchives archives, ImageAccess access) {
        this.archives = archives;
        this.access = access;
    }

    @Override
    public String stack() {
        return "dockerfile";
    }

    @Override
    public void check(Path artifact, String tenant) {
        String dockerfile = dockerfile(artifact);
        for (String image : DockerfileImages.of(dockerfile)) {
            access.requireUsable(image, tenant, "the Dockerfile's image");
        }
    }

    @Override
    public void prepare(Path artifact, Path context, String tenant) throws IOException {
        check(artifact, tenant);
        archives.extract(artifact, ArchiveFormat.TAR, WHAT, context, "");
    }

    private String dockerfile(Path artifact) {
        return archives.read(artifact, ArchiveFormat.TAR, WHAT, ContextFiles.DOCKERFILE, MAX_DOCKERFILE)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .orElseThrow(() -> ProblemException.unprocessable("the context has no Dockerfile at its root: tar the "
                        + "folder that holds it, e.g. tar -cf context.tar -C myapp ."));
    }
}
