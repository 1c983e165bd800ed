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

import io.cloudunit.build.app.AppView;
import io.cloudunit.build.support.Jars;
import io.cloudunit.platform.problem.ProblemException;

class JavaRecipeTest {
    final JavaRecipe recipe = new JavaRecipe("cloudunit/jre:17", "cloudunit/jre:25");

    @TempDir
    Path dir;

    @Test
    void acceptsARunnableJarAndRunsJava17BytecodeOnJava17() throws IOException {
        assertThat(recipe.check(write(Jars.runnableHello())), equalTo(17));
    }

    @Test
    void aMainClassCompiledForANewerJavaRunsOnJava25() throws IOException {
        assertThat(recipe.check(write(Jars.runnableHelloCompiledFor(62))), equalTo(25));
        assertThat(recipe.check(write(Jars.runnableHelloCompiledFor(69))), equalTo(25));
        Path context = Files.createDirectories(dir.resolve("context"));
        recipe.prepare(write(Jars.runnableHelloCompiledFor(65)), context, "acme");
        assertThat(Files.readString(context.resolve("Dockerfile")), startsWith("FROM cloudunit/jre:25\n"));
    }

    @Test
    void anAppPinnedToJava25RunsAJava17JarOnJava25() throws IOException {
        Path jar = write(Jars.runnableHello());
        assertThat(recipe.check(jar, "acme", app(25)), equalTo(25));
        Path context = Files.createDirectories(dir.resolve("context"));
        recipe.prepare(jar, context, "acme", 25);
        assertThat(Files.readString(context.resolve("Dockerfile")), startsWith("FROM cloudunit/jre:25\n"));
    }

    @Test
    void anAppPinnedToJava17RefusesAJarCompiledForJava21SayingHowToChangeTheApp() throws IOException {
        Path jar = write(Jars.runnableHelloCompiledFor(65));
        ProblemException refused = assertThrows(ProblemException.class, () -> recipe.check(jar, "acme", app(17)));
        assertThat(refused.status(), equalTo(422));
        assertThat(refused.getMessage(), equalTo("the JAR is compiled for Java 21 (class file version 65) and app "
                + "'hello' runs on Java 17: compile it with --release 17, or move the app to Java 25 with PATCH "
                + "/api/v1/tenants/acme/apps/hello {\"javaVersion\": 25} (or null to let each JAR choose)"));
        assertThat(recipe.check(jar, "acme", app(null)), equalTo(25));
    }

    @Test
    void theHeapIsSizedFromTheContainersMemoryAtEveryStart() {
        assertThat(JavaRecipe.dockerfile("cloudunit/jre:17"),
                containsString("JAVA_TOOL_OPTIONS=\"-XX:MinRAMPercentage=50 -XX:MaxRAMPercentage=75\""));
    }

    @Test
    void aJarForJavaNewerThan25IsRefused() throws IOException {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> recipe.check(write(Jars.runnableHelloCompiledFor(70))));
        assertThat(refused.status(), equalTo(422));
        assertThat(refused.getMessage(), equalTo("the JAR is compiled for Java 26 (class file version 70): the newest "
                + "Java here is 25, compile with --release 25 or lower"));
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
    void theDockerfileRunsTheJarAsANonRootUserOnPort8080() throws IOException {
        Path context = Files.createDirectories(dir.resolve("context"));
        Path jar = write(Jars.runnableHello());
        recipe.prepare(jar, context, "acme");
        assertThat(Files.readAllBytes(context.resolve("app.jar")), equalTo(Files.readAllBytes(jar)));
        assertThat(Files.readString(context.resolve("Dockerfile")), equalTo("""
                FROM cloudunit/jre:17
                COPY app.jar /app/app.jar
                ENV PORT=8080 JAVA_TOOL_OPTIONS="-XX:MinRAMPercentage=50 -XX:MaxRAMPercentage=75"
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

    private static AppView app(Integer javaVersion) {
        return new AppView("hello", "java", 512, 0.5, 1, null, javaVersion);
    }
}
