package io.cloudunit.build.artifact;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cloudunit.platform.problem.ProblemException;

/** The store on a real directory: what stays on disk after each kind of upload. */
class ArtifactStoreTest {
    @TempDir
    Path dataDir;

    @Test
    void aBodyOverTheLimitIsRefusedWhileStreamingAndLeavesNothing() throws IOException {
        ArtifactStore store = new ArtifactStore(dataDir, 1);
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 7;
            }
        };
        ProblemException refused = assertThrows(ProblemException.class, () -> store.receive(endless));
        assertThat(refused.status(), equalTo(413));
        assertThat(count("incoming"), equalTo(0L));
        assertThat(count("artifacts"), equalTo(0L));
    }

    @Test
    void theSameContentIsKeptOnceUnderItsSha256() throws IOException {
        ArtifactStore store = new ArtifactStore(dataDir, 1);
        byte[] content = "content".getBytes();
        IncomingArtifact first = store.receive(new ByteArrayInputStream(content));
        IncomingArtifact second = store.receive(new ByteArrayInputStream(content));
        assertThat(first.sha256(), equalTo("ed7002b439e9ac845f22357d822bac1444730fbdb6016d3ec9432297b9ec9f73"));
        Path kept = store.keep(first);
        store.keep(second);
        assertThat(kept, equalTo(dataDir.resolve("artifacts").resolve(first.sha256())));
        assertThat(Files.readAllBytes(kept), equalTo(content));
        assertThat(count("artifacts"), equalTo(1L));
        assertThat(count("incoming"), equalTo(0L));
    }

    @Test
    void anEmptyBodyIsABadRequest() throws IOException {
        ArtifactStore store = new ArtifactStore(dataDir, 1);
        ProblemException refused = assertThrows(ProblemException.class,
                () -> store.receive(new ByteArrayInputStream(new byte[0])));
        assertThat(refused.status(), equalTo(400));
        assertThat(count("incoming"), equalTo(0L));
    }

    private long count(String dir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve(dir))) {
            return files.count();
        }
    }
}
