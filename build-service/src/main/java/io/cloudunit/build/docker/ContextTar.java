package io.cloudunit.build.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.jboss.logging.Logger;

/**
 * A build context as the uncompressed tar the engine reads, written while the engine reads it (never a copy on
 * disk): every file and folder under the context, readable by anyone, owned by root; files keep their executable
 * bit. The context holds no links (uploads with links are refused).
 *
 * <p>The image's labels go into the Dockerfile as one {@code LABEL} line at its end: the legacy builder turns
 * each label passed through the API into a step of its own, with a container each (about 0.4 s apiece here).
 */
final class ContextTar {
    static final String DOCKERFILE = "Dockerfile";
    private static final Logger LOG = Logger.getLogger(ContextTar.class);
    private static final int PIPE_BUFFER = 1024 * 1024;

    private ContextTar() {
    }

    /** The tar, produced by a thread of its own; closing the stream early stops that thread. */
    static InputStream stream(Path context, Map<String, String> labels) throws IOException {
        List<Path> paths;
        try (Stream<Path> tree = Files.walk(context)) {
            paths = tree.filter(p -> !p.equals(context)).sorted().toList();
        }
        if (!paths.contains(context.resolve(DOCKERFILE))) {
            throw new IllegalStateException("no " + DOCKERFILE + " at the root of " + context);
        }
        return piped(context, out -> {
            for (Path path : paths) {
                String name = context.relativize(path).toString().replace('\\', '/');
                if (name.equals(DOCKERFILE)) {
                    byte[] dockerfile = (Files.readString(path) + labelLine(labels)).getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry entry = new TarArchiveEntry(name);
                    entry.setSize(dockerfile.length);
                    entry.setMode(0100644);
                    out.putArchiveEntry(entry);
                    out.write(dockerfile);
                    out.closeArchiveEntry();
                } else {
                    add(out, path, name);
                }
            }
        });
    }

    /**
     * What a COPY of {@code source} puts into a folder: the folders {@code path} names (all but its last name when
     * the source is a file, which gets that last name), then the source's content under them.
     */
    static InputStream entries(Path source, List<String> path) throws IOException {
        boolean file = !Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS);
        List<Path> tree;
        try (Stream<Path> walk = Files.walk(source)) {
            tree = file ? List.of() : walk.filter(p -> !p.equals(source)).sorted().toList();
        }
        return piped(source, out -> {
            String prefix = "";
            for (int i = 0; i < path.size(); i++) {
                if (file && i == path.size() - 1) {
                    add(out, source, prefix + path.get(i));
                    return;
                }
                prefix += path.get(i) + "/";
                addFolder(out, prefix.substring(0, prefix.length() - 1));
            }
            for (Path item : tree) {
                add(out, item, prefix + source.relativize(item).toString().replace('\\', '/'));
            }
        });
    }

    /** The line appended to the Dockerfile; names and values are DNS labels, ids and flags (nothing to escape). */
    static String labelLine(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream()
                .map(label -> label.getKey() + "=\"" + label.getValue() + "\"")
                .collect(Collectors.joining(" ", "\nLABEL ", "\n"));
    }

    /** A tar without entries. */
    static InputStream empty() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TarArchiveOutputStream(bytes).close();
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private interface TarWriter {
        void write(TarArchiveOutputStream out) throws IOException;
    }

    private static InputStream piped(Path what, TarWriter writer) throws IOException {
        PipedInputStream in = new PipedInputStream(PIPE_BUFFER);
        PipedOutputStream sink = new PipedOutputStream(in);
        Thread thread = new Thread(() -> {
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(sink)) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                writer.write(out);
            } catch (IOException e) {
                // The engine stopped reading (the build failed, timed out or was stopped): its own error says why.
                LOG.debugf("archive of %s not sent whole: %s", what, e);
            }
        }, "build-context-" + what.getFileName());
        thread.setDaemon(true);
        thread.start();
        return in;
    }

    /** A folder (owned by root, 0755) or a file (0644, or 0755 when executable), named {@code name}. */
    private static void add(TarArchiveOutputStream out, Path path, String name) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            addFolder(out, name);
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(Files.size(path));
            entry.setMode(Files.isExecutable(path) ? 0100755 : 0100644);
            out.putArchiveEntry(entry);
            Files.copy(path, out);
            out.closeArchiveEntry();
        }
    }

    private static void addFolder(TarArchiveOutputStream out, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name + "/");
        entry.setMode(040755);
        out.putArchiveEntry(entry);
        out.closeArchiveEntry();
    }
}
