package io.cloudunit.build.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.cloudunit.build.BuildConfig;
import io.cloudunit.platform.problem.ProblemException;

/**
 * Inspects and extracts uploaded zip and tar archives under {@link ArchiveLimits}; see {@link ArchiveWalker}
 * for what is refused. Inspecting reads every byte but writes nothing, so an upload can be refused before
 * it is stored; extracting writes into a fresh folder that is removed again on any failure.
 */
@ApplicationScoped
public class SafeArchives {
    private static final Logger LOG = Logger.getLogger(SafeArchives.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final ArchiveLimits limits;

    @Inject
    public SafeArchives(BuildConfig config) {
        this(ArchiveLimits.of(config.archives()));
    }

    public SafeArchives(ArchiveLimits limits) {
        this.limits = limits;
    }

    /**
     * Every file and folder of the archive, once all passed the checks; {@code what} names the expected upload in
     * the refusal of something that is not an archive of this format ("a WAR").
     */
    public ArchiveListing inspect(Path archive, ArchiveFormat format, String what) {
        requireFormat(archive, format, what);
        return walk(archive, format, (item, content) -> {
        });
    }

    /**
     * The content of one file of the archive (at most {@code maxBytes}), after every entry passed the checks;
     * empty when the archive has no such file.
     */
    public Optional<byte[]> read(Path archive, ArchiveFormat format, String what, String path, int maxBytes) {
        requireFormat(archive, format, what);
        AtomicReference<byte[]> content = new AtomicReference<>();
        walk(archive, format, (item, in) -> {
            if (!item.directory() && item.path().equals(path)) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw EntryNames.refuse(path, "is larger than " + maxBytes / 1024 + " KiB");
                }
                content.set(bytes);
            }
        });
        return Optional.ofNullable(content.get());
    }

    /**
     * Extracts the archive into {@code target}, a new or empty folder; with a {@code folder}, only what lies
     * inside it, relative to it. On any failure nothing is left of {@code target}.
     */
    public ArchiveListing extract(Path archive, ArchiveFormat format, String what, Path target, String folder) {
        requireFormat(archive, format, what);
        Path root = target.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
        String prefix = folder == null || folder.isEmpty() ? "" : folder + "/";
        try {
            return walk(archive, format, (item, content) -> write(root, prefix, item, content));
        } catch (RuntimeException | Error e) {
            deleteRecursively(root);
            throw e;
        }
    }

    private ArchiveListing walk(Path archive, ArchiveFormat format, ArchiveItem.Sink sink) {
        try {
            return new ArchiveWalker(limits, Files.size(archive), sink).walk(archive, format);
        } catch (IOException e) {
            throw ProblemException.unprocessable("the archive is damaged (" + e.getMessage()
                    + "): the upload was refused, nothing was stored");
        }
    }

    private static void requireFormat(Path archive, ArchiveFormat format, String what) {
        try {
            if (!format.matches(archive)) {
                throw ProblemException.unprocessable("the upload is not " + what + " (not a " + format.description()
                        + " archive)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + archive, e);
        }
    }

    private static void write(Path root, String prefix, ArchiveItem item, InputStream content) throws IOException {
        if (!item.path().startsWith(prefix)) {
            return;
        }
        String relative = item.path().substring(prefix.length());
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root)) {
            throw EntryNames.refuse(item.path(), "escapes the archive's root");
        }
        if (item.directory()) {
            Files.createDirectories(target);
            return;
        }
        Files.createDirectories(target.getParent());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw EntryNames.refuse(item.path(), "appears twice in the archive");
        }
        Files.copy(content, target);
        if (POSIX) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(item.executable() ? "rwxr-xr-x"
                    : "rw-r--r--"));
        }
    }

    /** Also used by the recipes for a folder they extracted into and then gave up. */
    public static void deleteRecursively(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warnf("cannot delete %s: %s", p, e);
                }
            });
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", path, e);
        }
    }
}
