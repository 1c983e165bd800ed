package io.cloudunit.build.docker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a build made on the engine so far, read from the legacy builder's output: the container of each
 * {@code RUN} step ({@code ---> Running in <id>}) and the image each step committed ({@code ---> <id>}), except
 * the image a {@code FROM} step names, which is not the build's.
 */
final class BuildSteps {
    private static final Pattern STEP = Pattern.compile("^Step \\d+/\\d+ : (\\S+)");
    private static final Pattern RUNNING_IN = Pattern.compile("^ ---> Running in ([0-9a-f]{12,64})$");
    private static final Pattern RESULT = Pattern.compile("^ ---> ([0-9a-f]{12,64})$");

    private final List<String> containers = new ArrayList<>();
    private final List<String> images = new ArrayList<>();
    private boolean fromStep;

    synchronized void read(String line) {
        Matcher step = STEP.matcher(line);
        if (step.find()) {
            fromStep = step.group(1).equalsIgnoreCase("FROM");
            return;
        }
        Matcher running = RUNNING_IN.matcher(line);
        if (running.matches()) {
            containers.add(running.group(1));
            return;
        }
        Matcher result = RESULT.matcher(line);
        if (result.matches() && !fromStep) {
            images.add(result.group(1));
        }
    }

    synchronized List<String> containers() {
        return List.copyOf(containers);
    }

    /** Newest first: a step's image is the parent of the next one's. */
    synchronized List<String> images() {
        List<String> newestFirst = new ArrayList<>(images);
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
