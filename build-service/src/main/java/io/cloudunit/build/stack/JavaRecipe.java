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
import io.cloudunit.build.app.AppView;
import io.cloudunit.platform.problem.ProblemException;

/**
 * Stack {@code java}: a runnable JAR on a JRE base image, Java 17 or Java 25: the app's {@code javaVersion} when it
 * pins one (a JAR compiled for a newer Java is refused), else what the JAR needs (see {@link #javaVersion}). Heap:
 * {@link #HEAP_OPTIONS}.
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
    /**
     * The heap rule (ADR 0020), read by the JVM at every start against the container's memory limit, so a scale needs
     * no rebuild: below 250 MB (where half is under the JVM's 125 MB default cap) half the memory, since metaspace,
     * code cache and threads take a fixed 40-100 MB whatever the heap; from 250 MB, 75 %. The deployer sets the same
     * rule in each container's environment; this is what the image does when run by hand. {@code JDK_JAVA_OPTIONS}
     * wins over both.
     */
    static final String HEAP_OPTIONS = "-XX:MinRAMPercentage=50 -XX:MaxRAMPercentage=75";

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

    /**
     * Refuses what {@code java -jar} could not start, or what the app's pinned Java could not run; answers the Java
     * the image runs: the pinned one, else the one the JAR needs.
     */
    @Override
    public Integer check(Path artifact, String tenant, AppView app) {
        int classMajor = classMajor(artifact);
        int needed = javaVersion(classMajor);
        Integer pinned = app.javaVersion();
        if (pinned == null) {
            return needed;
        }
        if (classMajor > pinned + CLASS_VERSION_OFFSET) {
            throw ProblemException.unprocessable("the JAR is compiled for Java " + (classMajor - CLASS_VERSION_OFFSET)
                    + " (class file version " + classMajor + ") and app '" + app.name() + "' runs on Java " + pinned
                    + ": compile it with --release " + pinned + ", or move the app to Java 25 with PATCH "
                    + "/api/v1/tenants/" + tenant + "/apps/" + app.name() + " {\"javaVersion\": 25} (or null to let "
                    + "each JAR choose)");
        }
        return pinned;
    }

    /** Refuses what {@code java -jar} could not start; answers the Java version the JAR needs, 17 or 25. */
    int check(Path artifact) {
        return javaVersion(classMajor(artifact));
    }

    /** The highest class file version of the Main-Class (and a Spring Boot Start-Class); 422 for a bad JAR. */
    private static int classMajor(Path artifact) {
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
            return major;
        } catch (ZipException e) {
            throw ProblemException.unprocessable("the upload is not a JAR (not a zip archive)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + artifact, e);
        }
    }

    @Override
    public void prepare(Path artifact, Path context, String tenant) throws IOException {
        prepare(artifact, context, tenant, null);
    }

    @Override
    public void prepare(Path artifact, Path context, String tenant, Integer javaVersion) throws IOException {
        int needed = check(artifact);
        int java = javaVersion != null ? Math.max(javaVersion, needed) : needed;
        ContextFiles.dockerfile(context, dockerfile(java == 25 ? java25 : java17));
        ContextFiles.link(artifact, context.resolve("app.jar"));
    }

    /**
     * Java 17 unless the Main-Class (or a Spring Boot JAR's Start-Class) was compiled for a newer Java: then 25,
     * which runs anything compiled for 17 too. An app's javaVersion overrides it (checked in {@link #check}).
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
                ENV PORT=8080 JAVA_TOOL_OPTIONS="%s"
                EXPOSE 8080
                USER 10001:10001
                ENTRYPOINT ["java", "-jar", "/app/app.jar"]
                """.formatted(baseImage, HEAP_OPTIONS);
    }

    private static String classFile(String className) {
        return className.replace('.', '/') + ".class";
    }

    /** The major version in the class file's header (bytes 6-7 after the 0xCAFEBABE magic). */
    static int classVersion(ZipFile zip, ZipEntry entry) throws IOException {
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
