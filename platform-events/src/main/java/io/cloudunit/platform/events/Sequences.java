package io.cloudunit.platform.events;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The text form of the {@code after} extension: {@code <source>=<sequence>} pairs separated by commas. */
public final class Sequences {
    /**
     * HTTP response header with the same text: how far the answering service's events of the path's tenant go.
     * A service that acts on such an answer records it, so that what it emits next follows those events.
     */
    public static final String HTTP_HEADER = "CloudUnit-Events-After";

    private Sequences() {
    }

    public static String format(Map<String, Long> after) {
        return new TreeMap<>(after).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(","));
    }

    /** Parses {@link #format}'s output; blank or {@code null} is no dependency. */
    public static Map<String, Long> parse(String text) {
        Map<String, Long> after = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return after;
        }
        for (String pair : text.split(",")) {
            int separator = pair.lastIndexOf('=');
            if (separator <= 0) {
                throw new IllegalArgumentException("malformed 'after' entry: " + pair);
            }
            after.put(pair.substring(0, separator).trim(), Long.parseLong(pair.substring(separator + 1).trim()));
        }
        return after;
    }
}
