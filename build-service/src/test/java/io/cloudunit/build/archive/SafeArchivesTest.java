package io.cloudunit.build.archive;

import static io.cloudunit.build.archive.HostileArchives.gzip;
import static io.cloudunit.build.archive.HostileArchives.random;
import static io.cloudunit.build.archive.HostileArchives.tar;
import static io.cloudunit.build.archive.HostileArchives.text;
import static io.cloudunit.build.archive.HostileArchives.zip;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cloudunit.platform.problem.ProblemException;

/**
 * The hostile archive corpus: each case is refused with a 422 naming what is wrong, by inspection (what an upload
 * goes through) and by extraction (what a build goes through), and leaves nothing on disk, inside or outside.
 */
class SafeArchivesTest {
    static final String REFUSED = ": the upload was refused, nothing was stored";
    static final ArchiveLimits DEFAULTS = new ArchiveLimits(20000, 1024L * 1024 * 1024, 100, 50);

    @TempDir
    Path dir;

    @Test
    void zipSlip() throws IOException {
        byte[] zip = zip(z -> z.file("index.html", text("<h1>hi</h1>")).file("../evil.txt", text("owned")));
        refused(zip, ArchiveFormat.ZIP, DEFAULTS,
                "archive entry ../evil.txt escapes the archive's root (.. in its path)" + REFUSED);
        assertThat(Files.exists(dir.resolve("evil.txt")), equalTo(false));
    }

    @Test
    void tarSlipHiddenInTheMiddleOfAPath() throws IOException {
        byte[] tar = tar(t -> t.file("Dockerfile", text("FROM x")).file("a/../../evil.txt", text("owned")));
        refused(tar, ArchiveFormat.TAR, DEFAULTS,
                "archive entry a/../../evil.txt escapes the archive's root (.. in its path)" + REFUSED);
        assertThat(Files.exists(dir.resolve("evil.txt")), equalTo(false));
    }

    @Test
    void absolutePathInAZip() throws IOException {
        Path outside = dir.resolveSibling("cu-abs-" + UUID.randomUUID() + ".txt");
        byte[] zip = zip(z -> z.file(outside.toString(), text("owned")));
        refused(zip, ArchiveFormat.ZIP, DEFAULTS, "archive entry " + outside + " has an absolute path" + REFUSED);
        assertThat(Files.exists(outside), equalTo(false));
    }

    @Test
    void absolutePathInATar() throws IOException {
        Path outside = dir.resolveSibling("cu-abs-" + UUID.randomUUID() + ".txt");
        byte[] tar = tar(t -> t.file(outside.toString(), text("owned")));
        refused(tar, ArchiveFormat.TAR, DEFAULTS, "archive entry " + outside + " has an absolute path" + REFUSED);
        assertThat(Files.exists(outside), equalTo(false));
    }

    @Test
    void windowsAbsolutePath() throws IOException {
        byte[] zip = zip(z -> z.file("C:\\Windows\\evil.txt", text("owned")));
        refused(zip, ArchiveFormat.ZIP, DEFAULTS, "archive entry C:/Windows/evil.txt has an absolute path" + REFUSED);
    }

    @Test
    void symlinkOutOfATar() throws IOException {
        byte[] tar = tar(t -> t.symlink("site", "../../../etc").file("site/passwd", text("owned")));
        refused(tar, ArchiveFormat.TAR, DEFAULTS, "archive entry site is a symbolic link (to ../../../etc): links are "
                + "refused in uploads, archive the files they point to instead (tar --dereference)" + REFUSED);
    }

    @Test
    void symlinkOutOfAZip() throws IOException {
        byte[] zip = zip(z -> z.symlink("passwd", "/etc/passwd"));
        refused(zip, ArchiveFormat.ZIP, DEFAULTS, "archive entry passwd is a symbolic link: links are refused in "
                + "uploads, archive the files they point to instead" + REFUSED);
    }

    @Test
    void hardlinkOutOfATar() throws IOException {
        byte[] tar = tar(t -> t.hardlink("shadow", "/etc/shadow"));
        refused(tar, ArchiveFormat.TAR, DEFAULTS, "archive entry shadow is a hard link (to /etc/shadow): links are "
                + "refused in uploads, archive the files they point to instead (tar --hard-dereference)" + REFUSED);
    }

    @Test
    void deviceFile() throws IOException {
        byte[] tar = tar(t -> t.device("null"));
        refused(tar, ArchiveFormat.TAR, DEFAULTS,
                "archive entry null is not a regular file or folder (a device, FIFO or socket)" + REFUSED);
    }

    @Test
    void zipBombByRatio() throws IOException {
        byte[] zip = zip(z -> z.file("index.html", text("hi")).zeros("bomb.bin", 64L * 1024 * 1024));
        assertThat("the bomb is small", zip.length < 200_000, equalTo(true));
        ArchiveLimits entryRatioOnly = new ArchiveLimits(20000, 1024L * 1024 * 1024, 100, 100_000);
        refused(zip, ArchiveFormat.ZIP, entryRatioOnly, "archive entry bomb.bin expands more than 100 times its compressed "
                + "size (a zip bomb? cloudunit.build.archives.max-entry-ratio)" + REFUSED);
    }

    @Test
    void gzippedTarBombByOverallRatio() throws IOException {
        byte[] tgz = gzip(tar(t -> t.file("Dockerfile", text("FROM x")).zeros("zeros.bin", 16 * 1024 * 1024)));
        refused(tgz, ArchiveFormat.TAR, DEFAULTS, "the archive expands more than 50 times its size (at entry "
                + "zeros.bin; a zip bomb? cloudunit.build.archives.max-total-ratio)" + REFUSED);
    }

    @Test
    void bombByTotalSize() throws IOException {
        ArchiveLimits oneMib = new ArchiveLimits(100, 1024 * 1024, 100, 50);
        byte[] zip = zip(z -> z.stored("a.bin", random(600_000)).stored("b.bin", random(600_000)));
        refused(zip, ArchiveFormat.ZIP, oneMib, "the archive expands past 1 MiB (at entry b.bin; "
                + "cloudunit.build.archives.max-expanded-mb)" + REFUSED);
    }

    @Test
    void bombByEntryCount() throws IOException {
        ArchiveLimits fifty = new ArchiveLimits(50, 1024 * 1024, 100, 50);
        byte[] zip = zip(z -> {
            for (int i = 0; i < 51; i++) {
                z.file("f" + i + ".txt", text("x"));
            }
        });
        refused(zip, ArchiveFormat.ZIP, fifty, "the archive has more than 50 entries (at entry f50.txt; "
                + "cloudunit.build.archives.max-entries)" + REFUSED);
    }

    @Test
    void notAZip() throws IOException {
        refused(text("#!/bin/sh\necho not an archive\n"), ArchiveFormat.ZIP, DEFAULTS,
                "the upload is not a site (not a zip archive)");
    }

    @Test
    void notATar() throws IOException {
        refused(zip(z -> z.file("Dockerfile", text("FROM x"))), ArchiveFormat.TAR, DEFAULTS,
                "the upload is not a site (not a tar (optionally gzip-compressed) archive)");
    }

    @Test
    void nestedEmptyFolders() throws IOException {
        byte[] zip = zip(z -> z.dir("a").dir("a/b").dir("a/b/c"));
        refused(zip, ArchiveFormat.ZIP, DEFAULTS, "the archive holds no files (only empty folders): the upload was "
                + "refused");
    }

    @Test
    void aNameTwice() throws IOException {
        byte[] tar = tar(t -> t.file("index.html", text("first")).file("./index.html", text("second")));
        refused(tar, ArchiveFormat.TAR, DEFAULTS, "archive entry ./index.html appears twice in the archive" + REFUSED);
    }

    @Test
    void aFileThatIsAlsoAFolder() throws IOException {
        byte[] tar = tar(t -> t.file("conf", text("x")).file("conf/app.properties", text("y")));
        refused(tar, ArchiveFormat.TAR, DEFAULTS,
                "archive entry conf/app.properties lies inside conf, which the archive also has as a file" + REFUSED);
    }

    @Test
    void aSafeArchiveIsExtractedWithItsFoldersAndExecutableBits() throws IOException {
        byte[] tar = tar(t -> t.dir("bin").file("bin/run.sh", text("#!/bin/sh"), 0755).file("./Dockerfile",
                text("FROM x")).file("deep/er/file.txt", text("deep")));
        Path archive = Files.write(dir.resolve("upload"), tar);
        SafeArchives archives = new SafeArchives(DEFAULTS);

        ArchiveListing listing = archives.inspect(archive, ArchiveFormat.TAR, "a context");
        assertThat(listing.files(), containsInAnyOrder("bin/run.sh", "Dockerfile", "deep/er/file.txt"));
        Path out = dir.resolve("out");
        archives.extract(archive, ArchiveFormat.TAR, "a context", out, "");
        assertThat(Files.readString(out.resolve("deep/er/file.txt")), equalTo("deep"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("bin/run.sh"))),
                equalTo("rwxr-xr-x"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("Dockerfile"))),
                equalTo("rw-r--r--"));
    }

    @Test
    void aSiteInOneTopFolderIsExtractedFromInsideIt() throws IOException {
        byte[] zip = zip(z -> z.dir("dist").file("dist/index.html", text("<h1>hi</h1>")).file("dist/css/a.css",
                text("a{}")));
        Path archive = Files.write(dir.resolve("upload"), zip);
        SafeArchives archives = new SafeArchives(DEFAULTS);
        assertThat(archives.inspect(archive, ArchiveFormat.ZIP, "a site").singleTopFolder(), equalTo(Optional.of("dist")));
        Path out = dir.resolve("site");
        archives.extract(archive, ArchiveFormat.ZIP, "a site", out, "dist");
        assertThat(Files.readString(out.resolve("index.html")), equalTo("<h1>hi</h1>"));
        assertThat(Files.readString(out.resolve("css/a.css")), equalTo("a{}"));
    }

    private void refused(byte[] bytes, ArchiveFormat format, ArchiveLimits limits, String detail) throws IOException {
        Path archive = Files.write(dir.resolve("upload"), bytes);
        SafeArchives archives = new SafeArchives(limits);
        ProblemException inspected = assertThrows(ProblemException.class,
                () -> archives.inspect(archive, format, "a site"));
        assertThat(inspected.status(), equalTo(422));
        assertThat(inspected.getMessage(), equalTo(detail));

        Path out = dir.resolve("out");
        ProblemException extracted = assertThrows(ProblemException.class,
                () -> archives.extract(archive, format, "a site", out, ""));
        assertThat(extracted.status(), equalTo(422));
        assertThat(extracted.getMessage(), equalTo(detail));
        assertThat("nothing inside: the target is gone", Files.exists(out), equalTo(false));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat("nothing outside", left.toList(), equalTo(List.of(archive)));
        }
    }
}
