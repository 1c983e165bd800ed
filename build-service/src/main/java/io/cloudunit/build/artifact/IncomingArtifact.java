package io.cloudunit.build.artifact;

import java.nio.file.Path;

/** An upload written to disk but not yet accepted: it lives outside the artifact store until kept. */
public record IncomingArtifact(Path file, String sha256, long size) {
}
