package io.cloudunit.deployer.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Builds tiny app images for the tests, the way the build-service builds the {@code java} stack: a runnable
 * JAR on {@code cloudunit/jre:17}, run as uid 10001. Every image carries label {@code io.cloudunit.test=<run>}.
 */
public final class TestImages {
    public static final String BASE_IMAGE = System.getProperty("cloudunit.test.base-image", "cloudunit/jre:17");

    /** Serves 200 "hello from <host>" on every path at $PORT. */
    public static final String HELLO = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            import java.nio.charset.StandardCharsets;

            public class Main {
                public static void main(String[] args) throws Exception {
                    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
                    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
                    server.createContext("/", exchange -> {
                        byte[] body = ("hello from " + System.getenv("HOSTNAME")).getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                    System.out.println("listening on " + port);
                }
            }
            """;

    /** Serves 200 "processors at start: N": what the JVM counted from its CPU quota when it started. */
    public static final String PROCESSOR_COUNTER = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            import java.nio.charset.StandardCharsets;

            public class Main {
                public static void main(String[] args) throws Exception {
                    int processors = Runtime.getRuntime().availableProcessors();
                    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
                    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
                    server.createContext("/", exchange -> {
                        byte[] body = ("processors at start: " + processors).getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                }
            }
            """;

    /** Returns at once: the container exits with code 0 before it ever listens. */
    public static final String QUITTER = """
            public class Main {
                public static void main(String[] args) {
                    System.out.println("nothing to serve, bye");
                }
            }
            """;

    private TestImages() {
    }

    public static String build(String source, String tag, String runLabel) {
        return build(tag, runLabel, "USER 10001:10001", Map.of("Main", source));
    }

    /**
     * An image whose JAR holds every class of {@code sources} (class name → source; {@code Main} is the entry point),
     * with {@code instructions} (USER, VOLUME …) after the JAR is copied.
     */
    public static String build(String tag, String runLabel, String instructions, Map<String, String> sources) {
        try {
            Path dir = Files.createTempDirectory("cu-deployer-image");
            Path classes = Files.createDirectories(dir.resolve("classes"));
            sources.forEach((className, source) -> compile(className, source, classes));
            jar(classes, dir.resolve("app.jar"));
            Files.writeString(dir.resolve("Dockerfile"), """
                    FROM %s
                    COPY app.jar /app/app.jar
                    %s
                    ENTRYPOINT ["java","-jar","/app/app.jar"]
                    """.formatted(BASE_IMAGE, instructions));
            Docker.Result result = Docker.run(dir, "build", "-q", "--label", "io.cloudunit.test=" + runLabel,
                    "-t", tag, ".");
            if (result.exitCode() != 0) {
                throw new IllegalStateException("docker build of " + tag + " failed: " + result.out());
            }
            return tag;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void removeImages(String runLabel) {
        String ids = Docker.ok("images", "-q", "--filter", "label=io.cloudunit.test=" + runLabel);
        for (String id : ids.isBlank() ? new String[0] : ids.split("\\s+")) {
            Docker.run(null, "rmi", "-f", id);
        }
    }

    private static void compile(String className, String source, Path classes) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        var file = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"),
                javax.tools.JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        boolean ok = compiler.getTask(null, null, null,
                List.of("--release", "17", "-d", classes.toString()), null, List.of(file)).call();
        if (!ok) {
            throw new IllegalStateException("the test class " + className + " does not compile");
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Main");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
                var files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(file));
                jarOut.closeEntry();
            }
        }
    }

    public static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
