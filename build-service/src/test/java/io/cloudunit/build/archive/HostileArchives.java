package io.cloudunit.build.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.Deflater;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Archives built byte by byte in the tests, hostile or not: nothing is read from disk. */
final class HostileArchives {
    private HostileArchives() {
    }

    /** A zip; the consumer adds entries through {@link Zip}. */
    static byte[] zip(Consumer<Zip> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            entries.accept(new Zip(out));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] tar(Consumer<Tar> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            entries.accept(new Tar(out));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GzipCompressorOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    record Zip(ZipArchiveOutputStream out) {
        Zip file(String name, byte[] content) {
            return entry(new ZipArchiveEntry(name), content);
        }

        Zip stored(String name, byte[] content) {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setMethod(ZipArchiveEntry.STORED);
            entry.setSize(content.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(content);
            entry.setCrc(crc.getValue());
            return entry(entry, content);
        }

        Zip dir(String name) {
            return entry(new ZipArchiveEntry(name.endsWith("/") ? name : name + "/"), new byte[0]);
        }

        Zip symlink(String name, String target) {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setUnixMode(0120777);
            return entry(entry, text(target));
        }

        /** {@code size} zero bytes, written in chunks: the archive stays tiny, the entry does not. */
        Zip zeros(String name, long size) {
            try {
                out.putArchiveEntry(new ZipArchiveEntry(name));
                byte[] chunk = new byte[64 * 1024];
                for (long left = size; left > 0; left -= chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
                out.closeArchiveEntry();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        private Zip entry(ZipArchiveEntry entry, byte[] content) {
            try {
                out.putArchiveEntry(entry);
                out.write(content);
                out.closeArchiveEntry();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }
    }

    record Tar(TarArchiveOutputStream out) {
        Tar file(String name, byte[] content) {
            return file(name, content, 0644);
        }

        Tar file(String name, byte[] content, int mode) {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(content.length);
            entry.setMode(0100000 | mode);
            return entry(entry, content);
        }

        Tar zeros(String name, int size) {
            return file(name, new byte[size]);
        }

        Tar dir(String name) {
            return entry(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true), new byte[0]);
        }

        Tar symlink(String name, String target) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
            entry.setLinkName(target);
            return entry(entry, new byte[0]);
        }

        Tar hardlink(String name, String target) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
            entry.setLinkName(target);
            return entry(entry, new byte[0]);
        }

        Tar device(String name) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_CHR, true);
            entry.setDevMajor(1);
            entry.setDevMinor(3);
            return entry(entry, new byte[0]);
        }

        private Tar entry(TarArchiveEntry entry, byte[] content) {
            try {
                out.putArchiveEntry(entry);
                out.write(content);
                out.closeArchiveEntry();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }
    }
}
