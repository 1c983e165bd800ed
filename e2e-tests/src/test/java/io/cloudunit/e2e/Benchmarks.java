package io.cloudunit.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the benchmarks share: inputs of a realistic size, and figures printed side by side. */
final class Benchmarks {
    private static final Pattern STEP = Pattern.compile("^Step \\d+/\\d+ : (.*)$");
    private static final Random RANDOM = new Random();

    private Benchmarks() {
    }

    /**
     * The hello server, plus {@code megabytes} of random bytes (a fat JAR's dependencies do not compress much
     * either), different on every call.
     */
    static Path paddedHelloJar(Path dir, String greeting, int megabytes) throws IOException {
        Path hello = TestJars.helloServer(Files.createDirectories(dir), greeting);
        Path padded = dir.resolve("padded.jar");
        try (JarInputStream in = new JarInputStream(Files.newInputStream(hello));
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(padded), in.getManifest())) {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                out.putNextEntry(new JarEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("lib/padding.bin"));
            byte[] block = new byte[1024 * 1024];
            for (int i = 0; i < megabytes; i++) {
                RANDOM.nextBytes(block);
                out.write(block);
            }
            out.closeEntry();
        }
        return padded;
    }

    /**
     * The Dockerfile a build ran, rebuilt from the steps its log shows ({@code Step 2/6 : COPY …}), without the
     * LABEL step the engine adds for the build's labels (the hand build gets its own).
     */
    static String dockerfileOf(String buildLog) {
        String dockerfile = buildLog.lines()
                .map(STEP::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .filter(instruction -> !instruction.startsWith("LABEL "))
                .collect(Collectors.joining("\n", "", "\n"));
        if (!dockerfile.startsWith("FROM ")) {
            throw new IllegalStateException("no Dockerfile steps in the build log:\n" + buildLog);
        }
        return dockerfile;
    }

    static void printRatio(String subject, List<Long> nanos, String reference, List<Long> referenceNanos,
            double goal) {
        double median = medianMs(nanos);
        double referenceMedian = medianMs(referenceNanos);
        double ratio = median / referenceMedian;
        System.out.printf("%n%s: %s ms, median %.0f ms%n%s: %s ms, median %.0f ms%nratio %.2f (goal ≤ %.2f): %s%n%n",
                subject, ms(nanos), median, reference, ms(referenceNanos), referenceMedian, ratio, goal,
                ratio <= goal ? "met" : "NOT met");
    }

    static void removeImagesLabelled(String label) {
        remove("rmi", DockerEngine.docker("images", "-q", "--filter", "label=" + label));
    }

    static void removeContainersLabelled(String label) {
        remove("rm", DockerEngine.docker("ps", "-aq", "--filter", "label=" + label));
    }

    private static void remove(String command, String ids) {
        List<String> arguments = new ArrayList<>(List.of(command, "-f"));
        ids.lines().map(String::trim).filter(id -> !id.isEmpty()).distinct().forEach(arguments::add);
        if (arguments.size() > 2) {
            DockerEngine.docker(arguments.toArray(String[]::new));
        }
    }

    static String ms(List<Long> nanos) {
        return nanos.stream().map(n -> Long.toString(n / 1_000_000)).collect(Collectors.joining(", "));
    }

    static double medianMs(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
        return median / 1_000_000.0;
    }
}
