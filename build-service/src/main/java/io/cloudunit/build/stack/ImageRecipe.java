package io.cloudunit.build.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudunit.platform.problem.ProblemException;

/**
 * Stack {@code image}: the upload is {@code {"image": "<reference>"}}, an image already on the engine. Nothing of
 * the user's runs: the "build" is {@code FROM <image id>} alone, which gives the image the platform's labels and
 * the build's tag {@code cloudunit/<tenant>/<app>:b<n>}, so releases and purges treat it like any other build.
 */
@ApplicationScoped
public class ImageRecipe implements Recipe {
    private static final int MAX_BODY = 64 * 1024;
    private static final String HOW_TO = "send {\"image\": \"<name:tag>\"} with Content-Type application/json";

    private final ImageAccess access;
    private final ObjectMapper json;

    public ImageRecipe(ImageAccess access, ObjectMapper json) {
        this.access = access;
        this.json = json;
    }

    @Override
    public String stack() {
        return "image";
    }

    @Override
    public void check(Path artifact, String tenant) {
        access.requireUsable(reference(artifact), tenant, "the image");
    }

    @Override
    public void prepare(Path artifact, Path context, String tenant) throws IOException {
        String id = access.requireUsable(reference(artifact), tenant, "the image");
        ContextFiles.dockerfile(context, "FROM " + id + "\n");
    }

    private String reference(Path artifact) {
        try (InputStream in = Files.newInputStream(artifact)) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw ProblemException.unprocessable("the body is larger than 64 KiB: " + HOW_TO);
            }
            JsonNode image = json.readTree(body).path("image");
            if (!image.isTextual() || image.asText().isBlank()) {
                throw ProblemException.unprocessable("the body has no \"image\": " + HOW_TO);
            }
            return image.asText().trim();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw ProblemException.unprocessable("the body is not JSON: " + HOW_TO);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + artifact, e);
        }
    }
}
