package io.cloudunit.build.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Dockerfile that only starts from an image, copies files of the context and sets image configuration: what
 * every stack's recipe writes. Such a file can be assembled without running a container per step (see
 * {@link ImageAssembler}); anything else (RUN, ARG, WORKDIR, variables, flags, line continuations, parser
 * directives, several stages) is left to {@code docker build}, so that {@link #parse} answers empty.
 */
record SimpleDockerfile(String from, List<Copy> copies, Map<String, String> env, Map<String, String> labels,
        List<Integer> exposedPorts, String user, List<String> entrypoint, List<String> cmd) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAFE_PATH = Pattern.compile("^[A-Za-z0-9._/-]+$");
    private static final Pattern KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]*$");
    private static final Pattern USER = Pattern.compile("^[A-Za-z0-9_-]+(:[A-Za-z0-9_-]+)?$");
    private static final Pattern PORT = Pattern.compile("^([0-9]{1,5})(/tcp)?$");

    /** {@code COPY source destination}: a file or folder of the context (a folder's content when it ends with /). */
    record Copy(String source, String destination) {
    }

    /** The instructions of {@code dockerfile}, when all of them are of the simple kind. */
    static Optional<SimpleDockerfile> parse(String dockerfile) {
        Builder builder = new Builder();
        for (String raw : dockerfile.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                if (builder.from == null && line.replace(" ", "").matches("^#[A-Za-z]+=.*")) {
                    return Optional.empty(); // a parser directive (escape, syntax, check)
                }
                continue;
            }
            if (line.endsWith("\\") || line.contains("$") || !builder.accept(line)) {
                return Optional.empty();
            }
        }
        return builder.build();
    }

    private static final class Builder {
        private String from;
        private final List<Copy> copies = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final List<Integer> ports = new ArrayList<>();
        private String user;
        private List<String> entrypoint;
        private List<String> cmd;

        boolean accept(String line) {
            String[] split = line.split("\\s+", 2);
            String instruction = split[0].toUpperCase(Locale.ROOT);
            String arguments = split.length > 1 ? split[1].strip() : "";
            if (instruction.equals("FROM")) {
                return from == null && setFrom(arguments);
            }
            if (from == null || arguments.isEmpty()) {
                return false;
            }
            return switch (instruction) {
                case "COPY" -> addCopy(arguments);
                case "ENV" -> pairs(arguments, env);
                case "LABEL" -> pairs(arguments, labels);
                case "EXPOSE" -> addPorts(arguments);
                case "USER" -> USER.matcher(arguments).matches() && (user = arguments) != null;
                case "ENTRYPOINT" -> (entrypoint = jsonArray(arguments)) != null;
                case "CMD" -> (cmd = jsonArray(arguments)) != null;
                default -> false;
            };
        }

        private boolean setFrom(String arguments) {
            if (arguments.startsWith("-") || arguments.contains(" ")) {
                return false; // --platform, AS <stage>
            }
            from = arguments;
            return true;
        }

        private boolean addCopy(String arguments) {
            String[] paths = arguments.split("\\s+");
            if (paths.length != 2 || paths[0].startsWith("-") || !SAFE_PATH.matcher(paths[0]).matches()
                    || !SAFE_PATH.matcher(paths[1]).matches() || !paths[1].startsWith("/")
                    || paths[0].startsWith("/") || (paths[0] + "/").contains("../")
                    || (paths[1] + "/").contains("/../")) {
                return false;
            }
            copies.add(new Copy(paths[0], paths[1]));
            return true;
        }

        private boolean addPorts(String arguments) {
            for (String port : arguments.split("\\s+")) {
                var matcher = PORT.matcher(port);
                if (!matcher.matches()) {
                    return false;
                }
                ports.add(Integer.parseInt(matcher.group(1)));
            }
            return true;
        }

        /** {@code key=value key2="value with spaces"}: no escapes, no single quotes, no legacy {@code key value}. */
        private static boolean pairs(String arguments, Map<String, String> into) {
            int i = 0;
            while (i < arguments.length()) {
                int equals = arguments.indexOf('=', i);
                if (equals < 0) {
                    return false;
                }
                String key = arguments.substring(i, equals);
                if (!KEY.matcher(key).matches()) {
                    return false;
                }
                int end;
                String value;
                if (equals + 1 < arguments.length() && arguments.charAt(equals + 1) == '"') {
                    int close = arguments.indexOf('"', equals + 2);
                    if (close < 0) {
                        return false;
                    }
                    value = arguments.substring(equals + 2, close);
                    end = close + 1;
                } else {
                    int space = arguments.indexOf(' ', equals);
                    end = space < 0 ? arguments.length() : space;
                    value = arguments.substring(equals + 1, end);
                }
                if (value.contains("\\") || value.contains("'") || value.contains("\"")) {
                    return false;
                }
                into.put(key, value);
                if (end < arguments.length() && arguments.charAt(end) != ' ') {
                    return false;
                }
                i = end;
                while (i < arguments.length() && arguments.charAt(i) == ' ') {
                    i++;
                }
            }
            return true;
        }

        private static List<String> jsonArray(String arguments) {
            if (!arguments.startsWith("[")) {
                return null; // the shell form needs a shell in the image
            }
            try {
                return List.copyOf(JSON.readValue(arguments, new TypeReference<List<String>>() {
                }));
            } catch (JsonProcessingException | NullPointerException e) {
                return null;
            }
        }

        Optional<SimpleDockerfile> build() {
            if (from == null) {
                return Optional.empty();
            }
            return Optional.of(new SimpleDockerfile(from, List.copyOf(copies), Map.copyOf(env), Map.copyOf(labels),
                    List.copyOf(ports), user, entrypoint, cmd));
        }
    }
}
