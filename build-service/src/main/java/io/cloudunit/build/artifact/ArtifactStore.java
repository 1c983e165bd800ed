package io.cloudunit.build.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.cloudunit.build.BuildConfig;
import io.cloudunit.platform.problem.ProblemException;
import io.quarkus.runtime.Startup;

/**
 * Content-addressed artifact storage: {@code <data-dir>/artifacts/<sha256>}. An upload is streamed to
 * {@code incoming/} while its hash is computed, and moved into the store only once it was accepted, so a
 * refused upload leaves nothing behind and the same content is stored once.
 */
@Startup
@ApplicationScoped
public class ArtifactStore {
    private static final Logger LOG = Logger.getLogger(ArtifactStore.class);
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    private static final int BUFFER = 64 * 1024;

    private final Path artifacts;
    private final Path incoming;
    private final UploadLimit serviceLimit;

    @Inject
    public ArtifactStore(BuildConfig config) {
        this(config.dataDir(), config.maxArtifactMb());
    }

    ArtifactStore(Path dataDir, int maxMb) {
        Path root = dataDir.toAbsolutePath().normalize();
        this.artifacts = root.resolve("artifacts");
        this.incoming = root.resolve("incoming");
        this.serviceLimit = UploadLimit.ofService(maxMb);
        createDirectories(artifacts);
        createDirectories(incoming);
        removeLeftovers();
    }

    /** The service's own bound, {@code cloudunit.build.max-artifact-mb}, above any tenant's. */
    public UploadLimit serviceLimit() {
        return serviceLimit;
    }

    /** Streams the body to disk, hashing it on the way; refuses an empty body or one over the service's limit. */
    public IncomingArtifact receive(InputStream body) {
        return receive(body, serviceLimit);
    }

    /**
     * Streams the body to disk, hashing it on the way; refuses an empty body, and one over {@code limit} as soon as
     * its bytes pass it (the rest is never read). Nothing of a refused body stays on disk.
     */
    public IncomingArtifact receive(InputStream body, UploadLimit limit) {
        Path file = incoming.resolve(UUID.randomUUID() + ".part");
        MessageDigest sha256 = sha256();
        long size = 0;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            if (body != null) {
                byte[] buffer = new byte[BUFFER];
                for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
                    size += n;
                    if (size > limit.bytes()) {
                        throw limit.refusal();
                    }
                    sha256.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            delete(file);
            throw ProblemException.badRequest("the upload was interrupted (" + e.getMessage() + "): send it again");
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
        if (size == 0) {
            delete(file);
            throw ProblemException.badRequest("the request body is empty: send the artifact (stack java: a runnable "
                    + "JAR) as the body, e.g. curl --data-binary @app.jar -H 'Content-Type: application/java-archive'");
        }
        return new IncomingArtifact(file, HexFormat.of().formatHex(sha256.digest()), size);
    }

    /** Moves an accepted upload into the store; the same content uploaded before is kept once. */
    public Path keep(IncomingArtifact upload) {
        Path target = path(upload.sha256());
        try {
            if (Files.exists(target)) {
                delete(upload.file());
            } else {
                Files.move(upload.file(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            delete(upload.file());
            throw new UncheckedIOException("cannot store artifact " + upload.sha256(), e);
        }
    }

    /** Forgets an upload that was refused (or already kept: then there is nothing left to delete). */
    public void discard(IncomingArtifact upload) {
        delete(upload.file());
    }

    /** Deletes a stored artifact no build needs any more; missing = success, a failure throws. */
    public void remove(String sha256) {
        Path file = path(sha256);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete artifact " + file, e);
        }
    }

    public Path path(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return artifacts.resolve(sha256);
    }

    private void removeLeftovers() {
        try (Stream<Path> parts = Files.list(incoming)) {
            parts.forEach(ArtifactStore::delete);
        } catch (IOException e) {
            LOG.warnf("cannot clean %s: %s", incoming, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", file, e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
