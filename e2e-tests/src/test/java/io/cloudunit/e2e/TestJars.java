package io.cloudunit.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
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

/** Builds, at test time, the small runnable JARs a user would upload. */
final class TestJars {
    private TestJars() {
    }

    /** A JDK-only HTTP server answering {@code greeting} on every path, on {@code $PORT}. */
    static Path helloServer(Path dir, String greeting) throws IOException {
        return runnableJar(dir, "Hello", helloSource(greeting));
    }

    /** {@link #helloServer} whose JAR also holds {@link ConnectProbe}'s class, run with {@code docker exec}. */
    static Path helloServerWithProbe(Path dir, String greeting) throws IOException {
        return runnableJar(dir, "Hello",
                Map.of("Hello", helloSource(greeting), ConnectProbe.CLASS, ConnectProbe.SOURCE));
    }

    private static String helloSource(String greeting) {
        return """
                import com.sun.net.httpserver.HttpServer;
                import java.net.InetSocketAddress;
                import java.nio.charset.StandardCharsets;
                public class Hello {
                    public static void main(String[] args) throws Exception {
                        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
                        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
                        server.createContext("/", exchange -> {
                            byte[] body = ("%s from " + System.getenv("HOSTNAME")).getBytes(StandardCharsets.UTF_8);
                            exchange.sendResponseHeaders(200, body.length);
                            exchange.getResponseBody().write(body);
                            exchange.close();
                        });
                        server.start();
                    }
                }
                """.formatted(greeting);
    }

    static Path runnableJar(Path dir, String mainClass, String source) throws IOException {
        return runnableJar(dir, mainClass, Map.of(mainClass, source));
    }

    /** A JAR of every class of {@code sources} (class name → source), {@code mainClass} its entry point. */
    static Path runnableJar(Path dir, String mainClass, Map<String, String> sources) throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes-" + mainClass));
        sources.forEach((name, source) -> compile(classes, name, source));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        Path jar = dir.resolve(mainClass.toLowerCase() + ".jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                var files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A valid zip whose manifest names no main class: a library, not something that can run. */
    static Path libraryJar(Path dir) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Path jar = dir.resolve("library.jar");
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }

    private static void compile(Path classes, String mainClass, String source) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        var unit = new SimpleJavaFileObject(URI.create("string:///" + mainClass + ".java"),
                javax.tools.JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        boolean ok = compiler.getTask(null, null, null, List.of("--release", "17", "-d", classes.toString()), null,
                List.of(unit)).call();
        if (!ok) {
            throw new IllegalStateException("test app did not compile");
        }
    }

    /**
     * Source of a class {@code Greeter} answering "{name} {GREETING}" on every path, on $PORT, followed by
     * " from {HOSTNAME}" when {@code tellsHost} (which instance answered).
     */
    static String greeter(String name, boolean tellsHost) {
        String host = tellsHost ? " + \" from \" + System.getenv(\"HOSTNAME\")" : "";
        return """
                import com.sun.net.httpserver.HttpServer;
                import java.net.InetSocketAddress;
                import java.nio.charset.StandardCharsets;
                public class Greeter {
                    public static void main(String[] args) throws Exception {
                        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
                        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
                        server.createContext("/", exchange -> {
                            byte[] body = ("%s " + System.getenv("GREETING")%s).getBytes(StandardCharsets.UTF_8);
                            exchange.sendResponseHeaders(200, body.length);
                            exchange.getResponseBody().write(body);
                            exchange.close();
                        });
                        server.start();
                    }
                }
                """.formatted(name, host);
    }
}
