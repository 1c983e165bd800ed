package io.cloudunit.build.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import io.cloudunit.platform.problem.ProblemException;

/**
 * Reads every entry of one archive, refusing (422, naming the entry) what could escape or exhaust the target:
 * {@code ..} and absolute paths, links of any kind, devices and FIFOs, a name used twice (or as a file and a
 * folder), too many entries, too many expanded bytes, too high a compression ratio. Accepted entries go to a sink.
 */
final class ArchiveWalker {
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;

    private final Totals totals;
    private final ArchiveItem.Sink sink;
    private final List<String> files = new ArrayList<>();
    private final Set<String> fileSet = new HashSet<>();
    private final Set<String> directories = new HashSet<>();
    private int entries;

    ArchiveWalker(ArchiveLimits limits, long archiveSize, ArchiveItem.Sink sink) {
        this.totals = new Totals(limits, Math.max(1, archiveSize));
        this.sink = sink;
    }

    ArchiveListing walk(Path archive, ArchiveFormat format) throws IOException {
        if (format == ArchiveFormat.ZIP) {
            walkZip(archive);
        } else {
            walkTar(archive);
        }
        if (files.isEmpty()) {
            throw ProblemException.unprocessable("the archive holds no files"
                    + (directories.isEmpty() ? "" : " (only empty folders)") + ": the upload was refused");
        }
        return new ArchiveListing(Collections.unmodifiableList(files), Collections.unmodifiableSet(directories));
    }

    private void walkZip(Path archive) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                String name = entry.getName();
                counted(name);
                int type = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() & S_IFMT : 0;
                if (entry.isUnixSymlink() || type == S_IFLNK) {
                    throw EntryNames.refuse(name, "is a symbolic link: links are refused in uploads, "
                            + "archive the files they point to instead");
                }
                if (type != 0 && type != S_IFREG && type != S_IFDIR) {
                    throw EntryNames.refuse(name, "is not a regular file or folder (a device, FIFO or socket)");
                }
                if (!entry.isDirectory() && !zip.canReadEntryData(entry)) {
                    throw EntryNames.refuse(name, "uses a zip feature that cannot be read (encryption or an "
                            + "unsupported compression method)");
                }
                boolean executable = (entry.getUnixMode() & 0100) != 0;
                accept(name, entry.isDirectory(), executable, entry.getCompressedSize(),
                        () -> zip.getInputStream(entry));
            }
        }
    }

    private void walkTar(Path archive) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(ArchiveFormat.tarStream(archive))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = entry.getName();
                counted(name);
                if (entry.isSymbolicLink()) {
                    throw EntryNames.refuse(name, "is a symbolic link (to " + EntryNames.printable(entry.getLinkName())
                            + "): links are refused in uploads, archive the files they point to instead "
                            + "(tar --dereference)");
                }
                if (entry.isLink()) {
                    throw EntryNames.refuse(name, "is a hard link (to " + EntryNames.printable(entry.getLinkName())
                            + "): links are refused in uploads, archive the files they point to instead "
                            + "(tar --hard-dereference)");
                }
                if (!entry.isDirectory() && !isRegular(entry)) {
                    throw EntryNames.refuse(name, "is not a regular file or folder (a device, FIFO or socket)");
                }
                accept(name, entry.isDirectory(), (entry.getMode() & 0100) != 0, -1, () -> tar);
            }
        }
    }

    /** Plain file types only: not GNU sparse files, devices, FIFOs or whatever else {@code isFile()} lets by. */
    private static boolean isRegular(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG;
    }

    private void counted(String name) {
        if (++entries > totals.limits().maxEntries()) {
            throw ProblemException.unprocessable("the archive has more than " + totals.limits().maxEntries()
                    + " entries (at entry " + EntryNames.printable(name)
                    + "; cloudunit.build.archives.max-entries): the upload was refused, nothing was stored");
        }
    }

    private void accept(String name, boolean directory, boolean executable, long compressedSize, Content content)
            throws IOException {
        String path = EntryNames.relative(name);
        if (path.isEmpty()) {
            if (!directory) {
                throw EntryNames.refuse(name, "is a file without a name");
            }
            return;
        }
        claim(name, path, directory);
        ArchiveItem item = new ArchiveItem(path, directory, executable);
        if (directory) {
            sink.accept(item, InputStream.nullInputStream());
            return;
        }
        GuardedStream guarded = new GuardedStream(content.open(), name, compressedSize, totals);
        sink.accept(item, guarded);
        guarded.transferTo(OutputStream.nullOutputStream());
    }

    /** Every path once; a file is never also a folder (or inside one of its own "files"). */
    private void claim(String name, String path, boolean directory) {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            String ancestor = path.substring(0, slash);
            if (fileSet.contains(ancestor)) {
                throw EntryNames.refuse(name, "lies inside " + EntryNames.printable(ancestor)
                        + ", which the archive also has as a file");
            }
            directories.add(ancestor);
        }
        if (fileSet.contains(path)) {
            throw EntryNames.refuse(name, "appears twice in the archive");
        }
        if (directory) {
            directories.add(path);
            return;
        }
        if (directories.contains(path)) {
            throw EntryNames.refuse(name, "is a file, but the archive also has it as a folder");
        }
        fileSet.add(path);
        files.add(path);
    }

    @FunctionalInterface
    private interface Content {
        InputStream open() throws IOException;
    }

    /** Bytes expanded so far by the whole archive, against the limits. */
    static final class Totals {
        private final ArchiveLimits limits;
        private final long archiveSize;
        private long expanded;

        Totals(ArchiveLimits limits, long archiveSize) {
            this.limits = limits;
            this.archiveSize = archiveSize;
        }

        ArchiveLimits limits() {
            return limits;
        }

        long archiveSize() {
            return archiveSize;
        }

        long add(int n) {
            expanded += n;
            return expanded;
        }
    }
}
