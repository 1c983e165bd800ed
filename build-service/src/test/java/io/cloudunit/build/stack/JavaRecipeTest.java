package io.cloudunit.build.stack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cloudunit.build.support.Jars;
import io.cloudunit.platform.problem.ProblemException;

class JavaRecipeTest {
    final JavaRecipe recipe = new JavaRecipe("cloudunit/jre:17");

    @TempDir
    Path dir;

    @Test
    void acceptsARunnableJar() throws IOException {
        recipe.check(write(Jars.runnableHello()));
    }

    @Test
    void refusesAMainClassThatIsNotInTheJar() throws IOException {
        byte[] jar = zip("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nMain-Class: com.example.Gone\r\n\r\n");
        ProblemException refused = assertThrows(ProblemException.class, () -> recipe.check(write(jar)));
        assertThat(refused.status(), equalTo(422));
        assertThat(refused.getMessage(), startsWith("the JAR's Main-Class com.example.Gone is not in the JAR"));
    }

    @Test
    void findsAManifestWhateverItsCase() throws IOException {
        byte[] jar = zip("meta-inf/manifest.mf", "Manifest-Version: 1.0\r\nMain-Class: Nowhere\r\n\r\n");
        ProblemException refused = assertThrows(ProblemException.class, () -> recipe.check(write(jar)));
        assertThat("the manifest was read", refused.getMessage(), containsString("Main-Class Nowhere"));
    }

    @Test
    void theDockerfileRunsTheJarAsANonRootUserOnPort8080() {
        assertThat(recipe.dockerfile(), equalTo("""
                FROM cloudunit/jre:17
                COPY app.jar /app/app.jar
                ENV PORT=8080 JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
                EXPOSE 8080
                USER 10001:10001
                ENTRYPOINT ["java", "-jar", "/app/app.jar"]
                """));
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("artifact"), bytes);
    }

    private static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes());
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
