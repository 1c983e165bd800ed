package io.cloudunit.build.archive;

import java.util.ArrayList;
import java.util.List;

import io.cloudunit.platform.problem.ProblemException;

/** Turns an archive entry's name into a safe relative path, or refuses the archive naming the entry. */
final class EntryNames {
    private EntryNames() {
    }

    /**
     * The entry's path relative to the archive's root, {@code /}-separated, without {@code .} or empty segments;
     * "" for the root itself. Backslashes count as separators (some Windows tools write them).
     */
    static String relative(String name) {
        if (name.indexOf('\0') >= 0) {
            throw refuse(name, "has a NUL character in its name");
        }
        String slashed = name.replace('\\', '/');
        if (slashed.startsWith("/") || slashed.matches("^[A-Za-z]:.*")) {
            throw refuse(name, "has an absolute path");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : slashed.split("/")) {
            if (segment.equals("..")) {
                throw refuse(name, "escapes the archive's root (.. in its path)");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    static ProblemException refuse(String name, String what) {
        return ProblemException.unprocessable("archive entry " + printable(name) + " " + what
                + ": the upload was refused, nothing was stored");
    }

    /** Names are shown to the uploader: control characters would garble the problem's detail. */
    static String printable(String name) {
        String shown = name.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 200 ? shown.substring(0, 200) + "…" : shown;
    }
}
