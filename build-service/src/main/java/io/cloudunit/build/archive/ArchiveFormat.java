package io.cloudunit.build.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** The archive formats uploads come in, recognised by their content, never by name or Content-Type. */
public enum ArchiveFormat {
    ZIP("zip"), TAR("tar (optionally gzip-compressed)");

    private static final int TAR_HEADER = 512;

    private final String description;

    ArchiveFormat(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Whether the file starts like an archive of this format. */
    public boolean matches(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            if (this == ZIP) {
                return head.length == 4 && head[0] == 'P' && head[1] == 'K'
                        && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
            }
        }
        try (InputStream in = tarStream(file)) {
            byte[] header = in.readNBytes(TAR_HEADER);
            return header.length == TAR_HEADER && TarArchiveInputStream.matches(header, header.length);
        } catch (IOException e) {
            return false;
        }
    }

    /** The tar bytes of the file: gunzipped when it starts with the gzip magic. */
    static InputStream tarStream(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        try {
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            return b1 == 0x1f && b2 == 0x8b ? new GzipCompressorInputStream(raw) : raw;
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }
}
