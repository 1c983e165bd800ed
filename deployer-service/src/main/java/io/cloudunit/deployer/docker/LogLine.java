package io.cloudunit.deployer.docker;

/**
 * One line a container wrote.
 *
 * @param time   when the engine received it (RFC 3339 with nanoseconds), the order of lines across instances
 * @param stream {@code stdout} or {@code stderr}
 */
public record LogLine(String instance, String stream, String time, String line) {
}
