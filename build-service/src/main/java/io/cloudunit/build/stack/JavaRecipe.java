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

/** Stack {@code java}: a runnable JAR on the JRE base image. */
@ApplicationScoped
public class JavaRecipe implements Recipe {
    static final String HOW_TO = "build it as a runnable JAR, e.g. with the spring-boot or shade plugin";
    /** A manifest is a few KiB; reading more would let a crafted entry inflate into memory. */
    private static final int MAX_MANIFEST_BYTES = 1024 * 1024;

    private final String baseImage;

    @Inject
    public JavaRecipe(BuildConfig config) {
        this(config.javaBaseImage());
    }

    JavaRecipe(String baseImage) {
        this.baseImage = baseImage;
    }

    @Override
    public String stack() {
        return "java";
    }

    @Override
    public String artifactName() {
        return "app.jar";
    }

    @Override
    public void check(Path artifact) {
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            String mainClass = mainClass(zip);
            if (zip.getEntry(mainClass.replace('.', '/') + ".class") == null) {
                throw ProblemException.unprocessable("the JAR's Main-Class " + mainClass + " is not in the JAR: "
                        + HOW_TO);
            }
        } catch (ZipException e) {
            throw ProblemException.unprocessable("the upload is not a JAR (not a zip archive)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + artifact, e);
        }
    }

    private static String mainClass(ZipFile zip) throws IOException {
        ZipEntry entry = manifestEntry(zip);
        if (entry == null) {
            throw ProblemException.unprocessable("the JAR has no " + JarFile.MANIFEST_NAME + ": " + HOW_TO);
        }
        Manifest manifest;
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
            if (bytes.length > MAX_MANIFEST_BYTES) {
                throw ProblemException.unprocessable("the JAR's manifest is larger than 1 MiB: " + HOW_TO);
            }
            manifest = new Manifest(new ByteArrayInputStream(bytes));
        }
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

    @Override
    public String dockerfile() {
        return """
                FROM %s
                COPY app.jar /app/app.jar
                ENV PORT=8080 JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
                EXPOSE 8080
                USER 10001:10001
                ENTRYPOINT ["java", "-jar", "/app/app.jar"]
                """.formatted(baseImage);
    }
}
