package io.cloudunit.build.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.build.BuildConfig;
import io.cloudunit.build.artifact.ArtifactStore;
import io.cloudunit.build.build.Build;
import io.cloudunit.build.stack.Recipe;
import io.cloudunit.platform.problem.ProblemException;
import io.quarkus.runtime.Startup;

/** Build context directories, {@code <data-dir>/contexts/<build-id>/}, filled by the stack's recipe. */
@Startup
@ApplicationScoped
public class BuildContexts {
    private static final Logger LOG = Logger.getLogger(BuildContexts.class);

    private final Path root;
    private final ArtifactStore artifacts;

    public BuildContexts(BuildConfig config, ArtifactStore artifacts) {
        this.root = config.dataDir().toAbsolutePath().normalize().resolve("contexts");
        this.artifacts = artifacts;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
        try (Stream<Path> leftovers = Files.list(root)) {
            leftovers.forEach(BuildContexts::deleteRecursively);
        } catch (IOException e) {
            LOG.warnf("cannot clean %s: %s", root, e);
        }
    }

    public Path prepare(Build build, Recipe recipe) throws IOException {
        Path artifact = artifacts.path(build.artifactSha256());
        if (!Files.isRegularFile(artifact)) {
            throw ProblemException.unprocessable("the artifact sha256:" + build.artifactSha256()
                    + " is no longer stored: upload it again");
        }
        Path context = Files.createDirectories(root.resolve(build.id().toString()));
        recipe.prepare(artifact, context, build.tenant(), build.javaVersion());
        return context;
    }

    public void remove(Path context) {
        if (context != null) {
            deleteRecursively(context);
        }
    }

    static void deleteRecursively(Path path) {
        try (Stream<Path> tree = Files.walk(path)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warnf("cannot delete %s: %s", p, e);
                }
            });
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", path, e);
        }
    }
}
