package io.cloudunit.build.stack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cloudunit.build.BuildConfig;
import io.cloudunit.platform.problem.ProblemException;

/**
 * Stack {@code java}: a runnable JAR on a JRE base image, Java 17 or Java 25 as the JAR needs (see
 * {@link #javaVersion}). Heap: {@code -XX:MaxRAMPercentage=75} of the container's memory limit.
 */
@ApplicationScoped
public class JavaRecipe implements Recipe {
    static final String HOW_TO = "build it as a runnable JAR, e.g. with the spring-boot or shade plugin";
    /** A manifest is a few KiB; reading more would let a crafted entry inflate into memory. */
    private static final int MAX_MANIFEST_BYTES = 1024 * 1024;
    private static final int JAVA_17_CLASS = 61;
    private static final int JAVA_25_CLASS = 69;
    private static final int CLASS_VERSION_OFFSET = 44;
    private static final Attributes.Name START_CLASS = new Attributes.Name("Start-Class");

    private final String java17;
    private final String java25;

    @Inject
    public JavaRecipe(BuildConfig config) {
        this(config.javaBaseImage().orElse(config.baseImages().java17()), config.baseImages().java25());
    }

    JavaRecipe(String java17, String java25) {
        this.java17 = java17;
        this.java25 = java25;
    }

    @Override
    public String stack() {
        return "java";
    }

    @Override
    public void check(Path artifact, String tenant) {
        check(artifact);
    }

    /** Refuses what {@code java -jar} could not start; answers the Java version the JAR needs, 17 or 25. */
    int check(Path artifact) {
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            Manifest manifest = manifest(zip);
            String mainClass = mainClass(manifest);
            ZipEntry main = zip.getEntry(classFile(mainClass));
            if (main == null) {
                throw ProblemException.unprocessable("the JAR's Main-Class " + mainClass + " is not in the JAR: "
                        + HOW_TO);
            }
            int major = classVersion(zip, main);
            String startClass = manifest.getMainAttributes().getValue(START_CLASS);
            ZipEntry start = startClass == null ? null : zip.getEntry("BOOT-INF/classes/" + classFile(startClass.trim()));
            if (start != null) {
                major = Math.max(major, classVersion(zip, start));
            }
            return javaVersion(major);
        } catch (ZipException e) {
            throw ProblemException.unprocessable("the upload is not a JAR (not a zip archive)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + artifact, e);
        }
    }

    @Override
    public void prepare(Path artifact, Path context, String tenant) throws IOException {
        ContextFiles.dockerfile(context, dockerfile(check(artifact) == 25 ? java25 : java17));
        ContextFiles.link(artifact, context.resolve("app.jar"));
    }

    /**
     * Java 17 unless the Main-Class (or a Spring Boot JAR's Start-Class) was compiled for a newer Java: then 25,
     * which runs anything compiled for 17 too. An explicit choice per app comes with the app spec.
     */
    static int javaVersion(int classMajor) {
        if (classMajor > JAVA_25_CLASS) {
            throw ProblemException.unprocessable("the JAR is compiled for Java " + (classMajor - CLASS_VERSION_OFFSET)
                    + " (class file version " + classMajor + "): the newest Java here is 25, compile with --release 25 "
                    + "or lower");
        }
        return classMajor > JAVA_17_CLASS ? 25 : 17;
    }

    static String dockerfile(String baseImage) {
        return """
                FROM %s
                COPY app.jar /app/app.jar
                ENV PORT=8080 JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
                EXPOSE 8080
                USER 10001:10001
                ENTRYPOINT ["java", "-jar", "/app/app.jar"]
                """.formatted(baseImage);
    }

    private static String classFile(String className) {
        return className.replace('.', '/') + ".class";
    }

    /** The major version in the class file's header (bytes 6-7 after the 0xCAFEBABE magic). */
    private static int classVersion(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] header = in.readNBytes(8);
            if (header.length < 8 || (header[0] & 0xff) != 0xca || (header[1] & 0xff) != 0xfe
                    || (header[2] & 0xff) != 0xba || (header[3] & 0xff) != 0xbe) {
                throw ProblemException.unprocessable("the JAR's " + entry.getName() + " is not a class file: " + HOW_TO);
            }
            return ((header[6] & 0xff) << 8) | (header[7] & 0xff);
        }
    }

    private static Manifest manifest(ZipFile zip) throws IOException {
        ZipEntry entry = manifestEntry(zip);
        if (entry == null) {
            throw ProblemException.unprocessable("the JAR has no " + JarFile.MANIFEST_NAME + ": " + HOW_TO);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
            if (bytes.length > MAX_MANIFEST_BYTES) {
                throw ProblemException.unprocessable("the JAR's manifest is larger than 1 MiB: " + HOW_TO);
            }
            return new Manifest(new ByteArrayInputStream(bytes));
        }
    }

    private static String mainClass(Manifest manifest) {
        String mainClass = manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
        if (mainClass == null || mainClass.isBlank()) {
            throw ProblemException.unprocessable("the JAR's manifest has no Main-Class: " + HOW_TO);
        }
        return mainClass.trim();
    }

    /** The manifest as {@code java -jar} finds it: exact name first, then ignoring case. */
    private static ZipEntry manifestEntry(ZipFile zip) {
        ZipEntry exact = zip.getEntry(JarFile.MANIFEST_NAME);
        if (exact != null) {
            return exact;
        }
        return zip.stream()
                .filter(e -> e.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME))
                .map(ZipEntry.class::cast)
                .findFirst().orElse(null);
    }
}
