package io.cloudunit.build.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import io.cloudunit.build.docker.ImageBuilder.BuiltImage;
import io.cloudunit.build.support.DockerCli;

/**
 * An assembled image is the image {@code docker build} makes of the same Dockerfile: the same configuration, the
 * same files with the same owners and modes, and folders that already existed in the base left as they were. Each
 * case is made both ways on the real engine and compared.
 */
class ImageAssemblerTest {
    static final String TENANT = "assembler-" + UUID.randomUUID().toString().substring(0, 8);
    static final Map<String, String> LABELS = Map.of("io.cloudunit.tenant", TENANT, "io.cloudunit.test",
            "build-service");
    static final ObjectMapper JSON = new ObjectMapper();
    static DockerClient docker;
    static ImageAssembler assembler;
    static ImageRelabeler relabeler;

    @BeforeAll
    static void connect() {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        var http = new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5)).build();
        docker = DockerClientImpl.getInstance(config, http);
        assembler = new ImageAssembler(docker);
        relabeler = new ImageRelabeler(docker, http);
    }

    @Test
    void aFromOnlyDockerfileIsTheBaseRelabelledWithoutANewLayer(@TempDir Path context) throws IOException {
        String baseId = DockerCli.run("image", "inspect", "--format", "{{.Id}}", "cloudunit/tomcat:10.1-jre17");
        String dockerfile = "FROM " + baseId + "\n";
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        String built = "cloudunit/" + TENANT + "/built:" + UUID.randomUUID().toString().substring(0, 8);
        String relabelled = "cloudunit/" + TENANT + "/relabelled:" + UUID.randomUUID().toString().substring(0, 8);
        DockerCli.build(context, built, TENANT);

        SimpleDockerfile simple = SimpleDockerfile.parse(dockerfile).orElseThrow();
        assertTrue(ImageRelabeler.applies(simple));
        BuiltImage image = relabeler.relabel(simple, baseId, relabelled, LABELS);

        assertEquals(image.id(), DockerCli.run("image", "inspect", "--format", "{{.Id}}", relabelled));
        assertFalse(image.id().equals(baseId), "an image of its own, with the build's labels");
        assertEquals(config(built), config(relabelled));
        assertEquals(layers(baseId), layers(relabelled), "the base's layers, none added");
        assertEquals(files(built, "/usr/local/tomcat/conf"), files(relabelled, "/usr/local/tomcat/conf"));
    }

    @Test
    void aDockerfileThatChangesMoreThanLabelsIsNotRelabelled() {
        assertFalse(ImageRelabeler.applies(SimpleDockerfile.parse("FROM cloudunit/static:1\nUSER 10001\n")
                .orElseThrow()));
        assertFalse(ImageRelabeler.applies(SimpleDockerfile.parse("FROM cloudunit/static:1\nCOPY a /a\n")
                .orElseThrow()));
    }

    private static String layers(String image) {
        return DockerCli.run("image", "inspect", "--format", "{{json .RootFS.Layers}}", image);
    }

    @AfterAll
    static void removeImages() {
        DockerCli.removeTenant(TENANT);
    }

    @Test
    void aJarOnTheJreBaseInAFolderTheBaseLacks(@TempDir Path context) throws IOException {
        byte[] jar = new byte[8 * 1024 * 1024];
        new Random().nextBytes(jar);
        Files.write(context.resolve("app.jar"), jar);
        String dockerfile = """
                FROM cloudunit/jre:17
                COPY app.jar /app/app.jar
                ENV PORT=8080 JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
                EXPOSE 8080
                USER 10001:10001
                ENTRYPOINT ["java", "-jar", "/app/app.jar"]
                """;
        assertSameBothWays(context, dockerfile, "/app");
    }

    @Test
    void aSiteIntoAFolderTheBaseHasLeavesThatFolderAsItWas(@TempDir Path context) throws IOException {
        Path site = Files.createDirectories(context.resolve("site/css"));
        Files.writeString(context.resolve("site/index.html"), "<h1>hi</h1>");
        Files.writeString(site.resolve("main.css"), "h1 {}");
        String dockerfile = """
                FROM cloudunit/static:1
                COPY site/ /usr/share/nginx/html/
                ENV PORT=8080
                EXPOSE 8080
                USER 10001:10001
                """;
        assertSameBothWays(context, dockerfile, "/usr/share/nginx");
    }

    @Test
    void aWarIntoTomcatsWebappsKeepsItsOwner(@TempDir Path context) throws IOException {
        Files.write(context.resolve("app.war"), new byte[] { 'P', 'K', 3, 4, 9 });
        String dockerfile = """
                FROM cloudunit/tomcat:10.1-jre17
                COPY app.war /usr/local/tomcat/webapps/ROOT.war
                ENV PORT=8080 JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
                EXPOSE 8080
                USER 10001:10001
                """;
        assertSameBothWays(context, dockerfile, "/usr/local/tomcat/webapps");
    }

    @Test
    void aBaseWithoutACommandIsLeftToDockerBuild() {
        var dockerfile = SimpleDockerfile.parse("FROM cloudunit/jre:17\nCOPY app.jar /app/app.jar\n").orElseThrow();
        assertTrue(assembler.baseFor(dockerfile).isEmpty(), "the engine cannot create a container without command");
    }

    private static void assertSameBothWays(Path context, String dockerfile, String inspected) throws IOException {
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        String built = "cloudunit/" + TENANT + "/built:" + UUID.randomUUID().toString().substring(0, 8);
        String assembled = "cloudunit/" + TENANT + "/assembled:" + UUID.randomUUID().toString().substring(0, 8);
        DockerCli.build(context, built, TENANT);

        SimpleDockerfile simple = SimpleDockerfile.parse(dockerfile).orElseThrow();
        String base = assembler.baseFor(simple).orElseThrow();
        assembler.assemble(simple, base, context, assembled, LABELS);

        assertEquals(config(built), config(assembled));
        assertEquals(files(built, inspected), files(assembled, inspected));
        assertFalse(files(assembled, inspected).isEmpty());
        assertEquals("", DockerCli.run("ps", "-aq", "--filter", "name=" + ImageAssembler.CONTAINER_PREFIX,
                "--filter", "ancestor=" + assembled), "the assembly container is gone");
    }

    /** What a container started from the image gets: everything but ids, dates and the builder's bookkeeping. */
    private static Map<String, String> config(String image) throws IOException {
        JsonNode config = JSON.readTree(DockerCli.run("image", "inspect", "--format", "{{json .Config}}", image));
        Map<String, String> fields = new TreeMap<>();
        for (String field : List.of("User", "Entrypoint", "Cmd", "ExposedPorts", "WorkingDir", "Volumes",
                "OnBuild", "StopSignal", "Healthcheck", "Shell")) {
            fields.put(field, String.valueOf(config.get(field)));
        }
        List<String> env = new ArrayList<>();
        config.path("Env").forEach(e -> env.add(e.asText()));
        fields.put("Env", env.stream().sorted().toList().toString());
        fields.put("Labels", new TreeMap<>(JSON.convertValue(config.path("Labels"), Map.class)).toString());
        return fields;
    }

    /** Name, owner, mode and content of every entry under {@code path}, as {@code docker cp} reads them. */
    private static List<String> files(String image, String path) throws IOException {
        String container = DockerCli.run("create", "--label", "io.cloudunit.tenant=" + TENANT, image);
        try (InputStream tar = docker.copyArchiveFromContainerCmd(container, path).exec();
                TarArchiveInputStream entries = new TarArchiveInputStream(tar)) {
            List<String> files = new ArrayList<>();
            for (TarArchiveEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                String content = entry.isDirectory() ? "" : new String(entries.readAllBytes(), StandardCharsets.UTF_8);
                files.add(entry.getName() + " " + entry.getLongUserId() + ":" + entry.getLongGroupId() + " "
                        + Integer.toOctalString(entry.getMode()) + " " + content.hashCode());
            }
            return files.stream().sorted().toList();
        } finally {
            DockerCli.run("rm", "-f", container);
        }
    }
}
