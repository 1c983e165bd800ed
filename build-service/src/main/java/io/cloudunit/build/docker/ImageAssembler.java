package io.cloudunit.build.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;

import io.cloudunit.build.docker.ImageBuilder.BuiltImage;
import io.cloudunit.build.docker.ImageBuilder.ImageBuildException;

/**
 * Makes the image a {@link SimpleDockerfile} describes in one layer, the way a PaaS commits a droplet: a
 * container is created (never started) from the base image with the Dockerfile's configuration, the COPY
 * sources are put into it, and it is committed. The legacy builder would run and commit a container for every
 * step (ENV, EXPOSE, USER, ENTRYPOINT, LABEL: about 0.3 s each on this engine) for the same result.
 *
 * <p>Not for every simple Dockerfile: a base image with VOLUMEs (a COPY there would land in a volume, not in the
 * image), ONBUILD triggers (a build runs them), or no command at all (the engine refuses to create a container)
 * is built by {@code docker build} instead.
 */
final class ImageAssembler {
    static final String CONTAINER_PREFIX = "cu-build-";
    static final Pattern CONTAINER_NAME = Pattern.compile("^/?" + CONTAINER_PREFIX + "[0-9a-f-]{36}$");
    private static final Logger LOG = Logger.getLogger(ImageAssembler.class);

    private final DockerClient docker;

    ImageAssembler(DockerClient docker) {
        this.docker = docker;
    }

    /** The id of the base image to assemble on, or empty when {@code docker build} must make the image. */
    Optional<String> baseFor(SimpleDockerfile dockerfile) {
        InspectImageResponse base = base(dockerfile.from());
        return assemblable(base.getConfig(), dockerfile) ? Optional.of(base.getId()) : Optional.empty();
    }

    BuiltImage assemble(SimpleDockerfile dockerfile, String baseId, Path context, String tag,
            Map<String, String> labels) {
        String container = create(baseId, dockerfile, labels, UUID.randomUUID().toString());
        try {
            for (SimpleDockerfile.Copy copy : dockerfile.copies()) {
                copy(container, context, copy);
                checkNotInterrupted();
            }
            String[] repositoryAndTag = splitTag(tag);
            String id = docker.commitCmd(container).withRepository(repositoryAndTag[0]).withTag(repositoryAndTag[1])
                    .withPause(false).exec();
            return new BuiltImage(tag, id);
        } finally {
            removeQuietly(container);
        }
    }

    /** Containers left by an assembly the service did not finish (it died): none of them ever ran. */
    void removeLeftovers() {
        docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(CONTAINER_PREFIX)).exec().stream()
                .filter(c -> c.getNames() != null && List.of(c.getNames()).stream()
                        .anyMatch(name -> CONTAINER_NAME.matcher(name).matches()))
                .filter(c -> "created".equals(c.getState()))
                .forEach(c -> removeQuietly(c.getId()));
    }

    InspectImageResponse base(String reference) {
        try {
            return docker.inspectImageCmd(reference).exec();
        } catch (NotFoundException e) {
            throw new ImageBuildException("the base image " + reference + " is not on the engine (nothing is "
                    + "pulled): build it first, see devstack/base-images", false, e);
        }
    }

    private static boolean assemblable(ContainerConfig base, SimpleDockerfile dockerfile) {
        if (base == null) {
            return false;
        }
        boolean volumes = base.getVolumes() != null && !base.getVolumes().isEmpty();
        boolean onBuild = base.getOnBuild() != null && base.getOnBuild().length > 0;
        boolean command = dockerfile.entrypoint() != null || dockerfile.cmd() != null
                || (base.getEntrypoint() != null && base.getEntrypoint().length > 0)
                || (base.getCmd() != null && base.getCmd().length > 0);
        return !volumes && !onBuild && command;
    }

    private String create(String baseId, SimpleDockerfile dockerfile, Map<String, String> buildLabels,
            String buildId) {
        Map<String, String> labels = new HashMap<>(dockerfile.labels());
        labels.putAll(buildLabels);
        CreateContainerCmd create = docker.createContainerCmd(baseId)
                .withName(CONTAINER_PREFIX + buildId)
                .withLabels(labels)
                .withNetworkDisabled(true)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"));
        if (!dockerfile.env().isEmpty()) {
            create.withEnv(dockerfile.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        }
        if (!dockerfile.exposedPorts().isEmpty()) {
            create.withExposedPorts(dockerfile.exposedPorts().stream().map(ExposedPort::tcp).toList());
        }
        if (dockerfile.user() != null) {
            create.withUser(dockerfile.user());
        }
        if (dockerfile.entrypoint() != null) {
            create.withEntrypoint(dockerfile.entrypoint());
        }
        if (dockerfile.cmd() != null) {
            create.withCmd(dockerfile.cmd());
        }
        return create.exec().getId();
    }

    /**
     * COPY's rules: a folder source ({@code site/}) puts its content into the destination folder, a file source
     * becomes the destination (or goes into it when it ends with {@code /}); missing folders are created, owned by
     * root, 0755, and existing ones are left as they are. The archive is put into the deepest folder of the
     * destination that already exists.
     */
    private void copy(String container, Path context, SimpleDockerfile.Copy copy) {
        Path source = context.resolve(copy.source()).normalize();
        if (!source.startsWith(context) || !Files.exists(source)) {
            throw new ImageBuildException("COPY failed: " + copy.source() + " is not in the build context", false,
                    null);
        }
        boolean folder = Files.isDirectory(source);
        String destination = copy.destination().endsWith("/") && !folder
                ? copy.destination() + source.getFileName() : copy.destination();
        List<String> missing = new ArrayList<>();
        String target = trimSlash(destination);
        if (!folder) {
            missing.add(0, fileName(target));
            target = parent(target);
        }
        while (!exists(container, target)) {
            if (target.isEmpty()) {
                throw new ImageBuildException("COPY failed: cannot create " + destination, false, null);
            }
            missing.add(0, fileName(target));
            target = parent(target);
        }
        try (InputStream tar = ContextTar.entries(source, missing)) {
            docker.copyArchiveToContainerCmd(container).withRemotePath(target.isEmpty() ? "/" : target)
                    .withTarInputStream(tar).exec();
        } catch (IOException e) {
            throw new ImageBuildException("COPY failed: " + e.getMessage(), false, e);
        }
    }

    /**
     * Whether the folder exists in the container: an empty archive put there changes nothing, and is refused
     * with 404 when it does not exist. (A refused archive of some size ends in a reset connection instead of the
     * 404: the engine answers before it read the body.)
     */
    private boolean exists(String container, String folder) {
        try (InputStream empty = ContextTar.empty()) {
            docker.copyArchiveToContainerCmd(container).withRemotePath(folder.isEmpty() ? "/" : folder)
                    .withTarInputStream(empty).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new ImageBuildException("COPY failed: " + e.getMessage(), false, e);
        }
    }

    private static String trimSlash(String path) {
        String trimmed = path;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String[] splitTag(String tag) {
        int colon = tag.lastIndexOf(':');
        return colon > tag.lastIndexOf('/') ? new String[] { tag.substring(0, colon), tag.substring(colon + 1) }
                : new String[] { tag, "latest" };
    }

    private static void checkNotInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ImageBuildException("build interrupted", false, null);
        }
    }

    private void removeQuietly(String container) {
        try {
            docker.removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // already removed
        } catch (RuntimeException e) {
            LOG.warnf("cannot remove assembly container %s: %s", container, e.toString());
        }
    }
}
