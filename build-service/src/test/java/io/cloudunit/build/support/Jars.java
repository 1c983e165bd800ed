package io.cloudunit.build.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Artifacts the tests upload, made on the spot. */
public final class Jars {
    public static final String GREETING = "hello from a cloudunit build";
    private static final String HELLO = """
            package hello;

            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            import java.nio.charset.StandardCharsets;

            public class Hello {
                public static void main(String[] args) throws Exception {
                    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
                    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
                    server.createContext("/", exchange -> {
                        byte[] body = "%s".getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                }
            }
            """.formatted(GREETING);

    private static final String TICKER = """
            package tick;

            public class Ticker {
                public static void main(String[] args) throws Exception {
                    int count = Integer.parseInt(args[0]);
                    long every = Long.parseLong(args[1]);
                    for (int i = 1; count < 0 || i <= count; i++) {
                        System.out.println("tick " + i);
                        System.out.flush();
                        Thread.sleep(every);
                    }
                }
            }
            """;

    private static byte[] helloClass;
    private static byte[] tickerClass;

    private Jars() {
    }

    /** A runnable JAR of a tiny HTTP server answering 200 on {@code $PORT}. */
    public static byte[] runnableHello() {
        return jar("hello.Hello", helloClass(), null);
    }

    /** The same app with a note inside, so that its content (and sha256) is its own. */
    public static byte[] runnableHello(String note) {
        return jar("hello.Hello", helloClass(), note);
    }

    /**
     * The hello app with its class file claiming another version ({@code 69} = Java 25): the bytecode stays Java
     * 17's, so a Java 25 runtime runs it and a Java 17 one refuses it (UnsupportedClassVersionError).
     */
    public static byte[] runnableHelloCompiledFor(int classMajor) {
        byte[] patched = helloClass().clone();
        patched[6] = (byte) (classMajor >> 8);
        patched[7] = (byte) classMajor;
        return jar("hello.Hello", patched, "class version " + classMajor);
    }

    /** The hello app's class file, claiming class file version {@code classMajor}. */
    public static byte[] helloClassCompiledFor(int classMajor) {
        byte[] patched = helloClass().clone();
        patched[6] = (byte) (classMajor >> 8);
        patched[7] = (byte) classMajor;
        return patched;
    }

    /**
     * A runnable JAR printing {@code tick 1}, {@code tick 2} … one line per period, as many as its first argument
     * says (forever when negative); its note makes it (and the build step that copies it) unique.
     */
    public static byte[] ticker(String note) {
        return jar("tick.Ticker", "tick/Ticker.class", tickerClass(), note);
    }

    /** A JAR whose manifest has no Main-Class. */
    public static byte[] withoutMainClass() {
        return jar(null, helloClass(), null);
    }

    /** A zip with a class but no META-INF/MANIFEST.MF at all. */
    public static byte[] zipWithoutManifest() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("hello/Hello.class"));
            zip.write(helloClass());
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] notAZip() {
        return "#!/bin/sh\necho this is a shell script, not a JAR\n".getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] jar(String mainClass, byte[] classBytes, String note) {
        return jar(mainClass, "hello/Hello.class", classBytes, note);
    }

    private static byte[] jar(String mainClass, String classEntry, byte[] classBytes, String note) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry(classEntry));
            jar.write(classBytes);
            jar.closeEntry();
            if (note != null) {
                jar.putNextEntry(new JarEntry("note.txt"));
                jar.write(note.getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static synchronized byte[] helloClass() {
        if (helloClass == null) {
            helloClass = compile("hello", "Hello", HELLO);
        }
        return helloClass;
    }

    private static synchronized byte[] tickerClass() {
        if (tickerClass == null) {
            tickerClass = compile("tick", "Ticker", TICKER);
        }
        return tickerClass;
    }

    private static byte[] compile(String pkg, String name, String code) {
        try {
            Path dir = Files.createTempDirectory(name + "-src");
            Path source = Files.createDirectories(dir.resolve(pkg)).resolve(name + ".java");
            Files.writeString(source, code);
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            StringWriter errors = new StringWriter();
            boolean ok = compiler.getTask(errors, null, null, List.of("--release", "17", "-d", dir.toString()), null,
                    compiler.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile())).call();
            if (!ok) {
                throw new IllegalStateException("cannot compile " + name + ": " + errors);
            }
            byte[] bytes = Files.readAllBytes(dir.resolve(pkg + "/" + name + ".class"));
            try (var tree = Files.walk(dir)) {
                tree.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
