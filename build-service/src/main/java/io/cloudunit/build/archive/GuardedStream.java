package io.cloudunit.build.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.cloudunit.platform.problem.ProblemException;

/**
 * One entry's content, counted as it is really inflated (the sizes an archive declares are not trusted): stops
 * with a 422 as soon as the entry or the archive expands past a limit.
 */
final class GuardedStream extends FilterInputStream {
    private final String name;
    private final long compressedSize;
    private final ArchiveWalker.Totals totals;
    private long expanded;

    /** {@code compressedSize} ≤ 0 when the format does not tell (tar): then no per-entry ratio. */
    GuardedStream(InputStream in, String name, long compressedSize, ArchiveWalker.Totals totals) {
        super(in);
        this.name = name;
        this.compressedSize = compressedSize;
        this.totals = totals;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        int read = read(new byte[(int) Math.max(0, Math.min(n, 8192))]);
        return Math.max(read, 0);
    }

    @Override
    public void close() {
        // the archive's stream stays open for the next entry
    }

    private void count(int n) {
        expanded += n;
        ArchiveLimits limits = totals.limits();
        long total = totals.add(n);
        if (total > limits.maxExpandedBytes()) {
            throw ProblemException.unprocessable("the archive expands past " + mib(limits.maxExpandedBytes())
                    + " MiB (at entry " + EntryNames.printable(name) + "; cloudunit.build.archives.max-expanded-mb): "
                    + "the upload was refused, nothing was stored");
        }
        if (compressedSize > 0 && expanded > ArchiveLimits.RATIO_FLOOR
                && expanded > compressedSize * limits.maxEntryRatio()) {
            throw EntryNames.refuse(name, "expands more than " + limits.maxEntryRatio()
                    + " times its compressed size (a zip bomb? cloudunit.build.archives.max-entry-ratio)");
        }
        if (total > ArchiveLimits.RATIO_FLOOR && total > totals.archiveSize() * limits.maxTotalRatio()) {
            throw ProblemException.unprocessable("the archive expands more than " + limits.maxTotalRatio()
                    + " times its size (at entry " + EntryNames.printable(name)
                    + "; a zip bomb? cloudunit.build.archives.max-total-ratio): the upload was refused, "
                    + "nothing was stored");
        }
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
