package io.cloudunit.build.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.transport.DockerHttpClient;

import io.cloudunit.build.docker.ImageBuilder.BuiltImage;
import io.cloudunit.build.docker.ImageBuilder.ImageBuildException;

/**
 * Makes the image of a Dockerfile that is only {@code FROM} (what the {@code image} stack writes, ADR 17) without a
 * container or a layer (ADR 28): a new image configuration, the base's own with the build's labels added, over the
 * base's layers, given to the engine as a {@code docker load} archive that holds no layer at all. The engine
 * reuses the layers it has (it reads a layer from the archive only when it lacks it), so the image is written in
 * a few milliseconds instead of a container being created, committed and removed (about 0.25 s here).
 */
final class ImageRelabeler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerClient docker;
    private final DockerHttpClient http;

    ImageRelabeler(DockerClient docker, DockerHttpClient http) {
        this.docker = docker;
        this.http = http;
    }

    /** Only a {@code FROM}, maybe labels: nothing but the configuration's labels changes. */
    static boolean applies(SimpleDockerfile dockerfile) {
        return dockerfile.copies().isEmpty() && dockerfile.env().isEmpty() && dockerfile.exposedPorts().isEmpty()
                && dockerfile.user() == null && dockerfile.entrypoint() == null && dockerfile.cmd() == null;
    }

    /**
     * The base is an image the platform built for this tenant (what the {@code image} stack is mostly given: another
     * app's build, a release to promote): it needs a name for this build, not an image of its own (ADR 31). Only its
     * app and build labels would change, which nothing that runs it reads; the tenant's label, what keeps others
     * from it and what the purge goes by, is already this tenant's.
     */
    static boolean ownedAlready(Map<String, String> baseLabels, SimpleDockerfile dockerfile,
            Map<String, String> labels) {
        String managed = ImageLabels.MANAGED;
        String tenant = ImageLabels.TENANT;
        return dockerfile.labels().isEmpty() && labels.get(managed) != null && labels.get(tenant) != null
                && labels.get(managed).equals(baseLabels.get(managed))
                && labels.get(tenant).equals(baseLabels.get(tenant));
    }

    /** A second name for an image: {@code docker tag}, nothing written but the name. */
    BuiltImage tag(String imageId, String tag) {
        int colon = tag.lastIndexOf(':');
        docker.tagImageCmd(imageId, tag.substring(0, colon), tag.substring(colon + 1)).exec();
        return new BuiltImage(tag, imageId);
    }

    BuiltImage relabel(SimpleDockerfile dockerfile, String baseId, String tag, Map<String, String> labels) {
        byte[] config = config(inspect(baseId), dockerfile.labels(), labels);
        String digest = sha256(config);
        docker.loadImageCmd(archive(digest, config, tag)).exec();
        return new BuiltImage(tag, "sha256:" + digest);
    }

    /** The engine's own JSON of the image: docker-java's model would drop fields it does not know. */
    private JsonNode inspect(String imageId) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/images/" + imageId + "/json").build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            if (response.getStatusCode() != 200) {
                throw new ImageBuildException("cannot inspect the base image " + imageId + ": the engine answered "
                        + response.getStatusCode(), false, null);
            }
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect the base image " + imageId, e);
        }
    }

    private static byte[] config(JsonNode base, Map<String, String> dockerfileLabels, Map<String, String> labels) {
        ObjectNode containerConfig = base.path("Config").isObject() ? (ObjectNode) base.get("Config").deepCopy()
                : JSON.createObjectNode();
        ObjectNode merged = containerConfig.path("Labels").isObject()
                ? (ObjectNode) containerConfig.get("Labels") : JSON.createObjectNode();
        dockerfileLabels.forEach(merged::put);
        labels.forEach(merged::put);
        containerConfig.set("Labels", merged);
        ObjectNode image = JSON.createObjectNode();
        image.put("architecture", base.path("Architecture").asText());
        image.put("os", base.path("Os").asText());
        if (base.hasNonNull("Variant")) {
            image.put("variant", base.get("Variant").asText());
        }
        image.put("created", base.path("Created").asText());
        image.set("config", containerConfig);
        ObjectNode rootfs = image.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.set("diff_ids", base.path("RootFS").path("Layers").deepCopy());
        try {
            return JSON.writeValueAsBytes(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest names a layer file per layer; the archive has none of them (the engine has every layer). */
    private static InputStream archive(String digest, byte[] config, String tag) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("Config", digest + ".json");
        manifest.set("RepoTags", JSON.createArrayNode().add(tag));
        ArrayNode layers = manifest.putArray("Layers");
        JsonNode diffIds;
        try {
            diffIds = JSON.readTree(config).path("rootfs").path("diff_ids");
            for (int i = 0; i < diffIds.size(); i++) {
                layers.add("layer-" + i + "/layer.tar");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
                put(tar, digest + ".json", config);
                put(tar, "manifest.json", JSON.writeValueAsBytes(List.of(manifest)));
            }
            return new ByteArrayInputStream(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
