package io.cloudunit.build.stack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cloudunit.platform.problem.ProblemException;

/**
 * The images a Dockerfile builds from: each {@code FROM} and {@code COPY --from=} that is not an earlier stage.
 * Variables there are refused: the image must be known before the build to be checked.
 */
final class DockerfileImages {
    private static final Pattern ESCAPE = Pattern.compile("^#\\s*escape\\s*=\\s*([\\\\`])\\s*$",
            Pattern.CASE_INSENSITIVE);

    private DockerfileImages() {
    }

    static List<String> of(String dockerfile) {
        List<String> images = new ArrayList<>();
        Set<String> stages = new HashSet<>();
        boolean from = false;
        for (String line : instructions(dockerfile)) {
            String[] words = line.trim().split("\\s+");
            if (words[0].equalsIgnoreCase("ONBUILD") && words.length > 1) {
                words = java.util.Arrays.copyOfRange(words, 1, words.length);
            }
            String instruction = words[0].toUpperCase(Locale.ROOT);
            if (instruction.equals("FROM")) {
                from = true;
                int i = 1;
                while (i < words.length && words[i].startsWith("--")) {
                    i++;
                }
                if (i >= words.length) {
                    throw ProblemException.unprocessable("the Dockerfile has a FROM without an image");
                }
                addImage(images, stages, words[i]);
                if (i + 2 < words.length && words[i + 1].equalsIgnoreCase("AS")) {
                    stages.add(words[i + 2].toLowerCase(Locale.ROOT));
                }
            } else if (instruction.equals("COPY") || instruction.equals("ADD")) {
                for (String word : words) {
                    if (word.startsWith("--from=")) {
                        addImage(images, stages, word.substring("--from=".length()));
                    }
                }
            }
        }
        if (!from) {
            throw ProblemException.unprocessable("the Dockerfile has no FROM");
        }
        return images;
    }

    private static void addImage(List<String> images, Set<String> stages, String reference) {
        if (reference.contains("$")) {
            throw ProblemException.unprocessable("the Dockerfile names an image with a variable (" + reference
                    + "): name the image itself, it is checked before the build");
        }
        boolean stageOrIndex = stages.contains(reference.toLowerCase(Locale.ROOT)) || reference.matches("\\d+");
        if (!stageOrIndex && !reference.equalsIgnoreCase("scratch") && !images.contains(reference)) {
            images.add(reference);
        }
    }

    /**
     * Logical lines as the engine reads them: comment and blank lines dropped (also inside a continuation), lines
     * ending with the escape character joined; the {@code # escape=} parser directive is honoured.
     */
    private static List<String> instructions(String dockerfile) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char escape = '\\';
        boolean directives = true;
        for (String raw : dockerfile.split("\\R")) {
            String line = raw.strip();
            if (directives) {
                Matcher directive = ESCAPE.matcher(line);
                if (directive.matches()) {
                    escape = directive.group(1).charAt(0);
                    continue;
                }
                directives = line.startsWith("#") && line.matches("#\\s*\\w+\\s*=.*");
            }
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            if (line.charAt(line.length() - 1) == escape) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            result.add(current.toString());
            current.setLength(0);
        }
        if (!current.toString().isBlank()) {
            result.add(current.toString());
        }
        return result;
    }
}
