package io.cloudunit.build.archive;

import io.cloudunit.build.BuildConfig;

/**
 * What an uploaded archive may expand to. The ratios only apply once an entry (or the whole archive) expanded
 * past {@link #RATIO_FLOOR}: a small file of repeated bytes legitimately compresses a thousand times.
 */
public record ArchiveLimits(int maxEntries, long maxExpandedBytes, int maxEntryRatio, int maxTotalRatio) {
    public static final long RATIO_FLOOR = 1024 * 1024;

    public static ArchiveLimits of(BuildConfig.Archives config) {
        return new ArchiveLimits(config.maxEntries(), config.maxExpandedMb() * 1024L * 1024L,
                config.maxEntryRatio(), config.maxTotalRatio());
    }
}
