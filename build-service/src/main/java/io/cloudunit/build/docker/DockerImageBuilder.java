package io.cloudunit.build.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import io.cloudunit.build.BuildConfig;
import io.quarkus.runtime.StartupEvent;

/** {@link ImageBuilder} on the local engine with docker-java; the legacy builder (no BuildKit). */
@ApplicationScoped
public class DockerImageBuilder implements ImageBuilder {
    private static final Logger LOG = Logger.getLogger(DockerImageBuilder.class);
    private static final Duration CONTAINER_REMOVAL_WAIT = Duration.ofSeconds(20);
    private final DockerClient docker;
    private final ImageAssembler assembler;
    private final ImageRelabeler relabeler;
    private final long memoryBytes;
    private final int cpuShares;

    public DockerImageBuilder(BuildConfig config) {
        this.memoryBytes = config.buildMemoryMb() * 1024L * 1024L;
        this.cpuShares = config.buildCpuShares();
        DockerClientConfig clientConfig = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(config.dockerHost())
                .build();
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(clientConfig.getDockerHost())
                .sslConfig(clientConfig.getSSLConfig())
                .maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        this.docker = DockerClientImpl.getInstance(clientConfig, http);
        this.assembler = new ImageAssembler(docker);
        this.relabeler = new ImageRelabeler(docker, http);
    }

    /** Assemblies a previous run of the service left unfinished; an engine that does not answer is no reason to fail. */
    void onStart(@Observes StartupEvent event) {
        try {
            assembler.removeLeftovers();
        } catch (RuntimeException e) {
            LOG.warnf("cannot look for unfinished image assemblies: %s", e.toString());
        }
    }

    /**
     * Labelled when the Dockerfile is only FROM (stack image), assembled in one layer when it is a simple one (every
     * stack's recipe writes one), else built.
     */
    @Override
    public BuiltImage build(Path context, String tag, Map<String, String> labels, Duration timeout,
            Consumer<String> log) {
        String dockerfile = readDockerfile(context);
        Optional<SimpleDockerfile> simple = SimpleDockerfile.parse(dockerfile);
        if (simple.isPresent() && ImageRelabeler.applies(simple.get())) {
            return relabel(simple.get(), dockerfile, tag, labels, log);
        }
        Optional<String> base = simple.flatMap(assembler::baseFor);
        if (base.isEmpty()) {
            return dockerBuild(context, tag, labels, timeout, log);
        }
        log.accept("assembling the image in one layer, no container runs (the same image as docker build makes):");
        logSteps(dockerfile + ContextTar.labelLine(labels), log);
        BuiltImage image = assembler.assemble(simple.get(), base.get(), context, tag, labels);
        log.accept("Successfully built " + image.id());
        log.accept("Successfully tagged " + tag);
        return image;
    }

    private BuiltImage relabel(SimpleDockerfile simple, String dockerfile, String tag, Map<String, String> labels,
            Consumer<String> log) {
        InspectImageResponse base = assembler.base(simple.from());
        if (ImageRelabeler.ownedAlready(labelsOf(base), simple, labels)) {
            log.accept("the image is one the platform built for this tenant already: no new image, only its name "
                    + tag);
            return relabeler.tag(base.getId(), tag);
        }
        log.accept("labelling the image, no container and no layer (the same image as docker build makes):");
        logSteps(dockerfile + ContextTar.labelLine(labels), log);
        BuiltImage image = relabeler.relabel(simple, base.getId(), tag, labels);
        log.accept("Successfully built " + image.id());
        log.accept("Successfully tagged " + tag);
        return image;
    }

    private static Map<String, String> labelsOf(InspectImageResponse image) {
        ContainerConfig config = image.getConfig();
        return config == null || config.getLabels() == null ? Map.of() : config.getLabels();
    }

    private BuiltImage dockerBuild(Path context, String tag, Map<String, String> labels, Duration timeout,
            Consumer<String> log) {
        LoggingCallback callback = new LoggingCallback(log);
        boolean built = false;
        try {
            BuiltImage image = run(context, tag, labels, timeout, callback);
            built = true;
            return image;
        } finally {
            if (!built) {
                removeLeftovers(callback.steps);
            }
        }
    }

    private BuiltImage run(Path context, String tag, Map<String, String> labels, Duration timeout,
            LoggingCallback callback) {
        try (InputStream tarStream = ContextTar.stream(context, labels);
                BuildImageCmd command = docker.buildImageCmd(tarStream)
                        .withTags(Set.of(tag))
                        .withPull(false)
                        .withRemove(true)
                        .withForcerm(true)
                        .withNetworkMode("none")
                        .withMemory(memoryBytes)
                        .withMemswap(memoryBytes)
                        .withCpushares(Integer.toString(cpuShares));
                LoggingCallback running = command.exec(callback)) {
            if (!running.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ImageBuildException("build timed out", true, null);
            }
            running.awaitImageId();
            return new BuiltImage(tag, docker.inspectImageCmd(tag).exec().getId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageBuildException("build interrupted", false, e);
        } catch (ImageBuildException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageBuildException(message(e), false, e);
        }
    }

    /** The steps as {@code docker build} shows them, so that an assembled build's log reads like any other. */
    private static void logSteps(String dockerfile, Consumer<String> log) {
        List<String> steps = dockerfile.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        for (int i = 0; i < steps.size(); i++) {
            log.accept("Step " + (i + 1) + "/" + steps.size() + " : " + steps.get(i));
        }
    }

    private static String readDockerfile(Path context) {
        try {
            return Files.readString(context.resolve(ContextTar.DOCKERFILE));
        } catch (IOException e) {
            throw new ImageBuildException("the build context has no readable Dockerfile: " + e.getMessage(), false, e);
        }
    }

    /**
     * A build that did not end with its image (failed, timed out, stopped) leaves nothing: the engine stops the
     * step's container when the connection closes but removes it a moment later, and keeps the images of the steps
     * that completed. Its container goes first (an image a container uses cannot be removed), then its step
     * images, newest first, never forced and only while untagged: one that another image builds on stays.
     */
    private void removeLeftovers(BuildSteps steps) {
        boolean interrupted = Thread.interrupted();
        try {
            steps.containers().forEach(this::removeContainer);
            steps.images().forEach(this::removeStepImage);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void removeContainer(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // removed by the engine already
        } catch (ConflictException beingRemoved) {
            awaitGone(id); // the engine removes it (forcerm); its image can only go once it is gone
        } catch (RuntimeException e) {
            LOG.warnf("cannot remove container %s of a stopped build: %s", id, message(e));
        }
    }

    private void awaitGone(String container) {
        long deadline = System.nanoTime() + CONTAINER_REMOVAL_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                docker.inspectContainerCmd(container).exec();
                Thread.sleep(100);
            } catch (NotFoundException gone) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.warnf("container %s of a stopped build is still being removed after %ss", container,
                CONTAINER_REMOVAL_WAIT.toSeconds());
    }

    private void removeStepImage(String id) {
        try {
            List<String> tags = docker.inspectImageCmd(id).exec().getRepoTags();
            if (tags == null || tags.isEmpty()) {
                docker.removeImageCmd(id).withForce(false).exec();
            }
        } catch (NotFoundException gone) {
            // nothing to do
        } catch (RuntimeException e) {
            LOG.debugf("step image %s stays: %s", id, message(e));
        }
    }

    @Override
    public Optional<FoundImage> find(String reference) {
        try {
            InspectImageResponse image = docker.inspectImageCmd(reference).exec();
            ContainerConfig config = image.getConfig();
            Map<String, String> labels = config == null || config.getLabels() == null ? Map.of()
                    : Map.copyOf(config.getLabels());
            List<String> onBuild = config == null || config.getOnBuild() == null ? List.of()
                    : List.of(config.getOnBuild());
            return Optional.of(new FoundImage(image.getId(), labels, onBuild));
        } catch (NotFoundException | BadRequestException e) {
            return Optional.empty();
        }
    }

    @Override
    public void ping() {
        docker.pingCmd().exec();
    }

    @Override
    public List<StoredImage> images(Map<String, String> labels) {
        return docker.listImagesCmd().withShowAll(false).withLabelFilter(labels).exec().stream()
                .map(image -> new StoredImage(image.getId(), tags(image.getRepoTags()),
                        image.getLabels() == null ? Map.of() : Map.copyOf(image.getLabels())))
                .toList();
    }

    @Override
    public void remove(String tagOrId) {
        try {
            docker.removeImageCmd(tagOrId).withForce(false).exec();
        } catch (NotFoundException alreadyGone) {
            // idempotent
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot remove image " + tagOrId + ": " + message(e), e);
        }
    }

    @Override
    public boolean inUse(String imageId) {
        return !docker.listContainersCmd().withShowAll(true).withAncestorFilter(List.of(imageId)).withLimit(1).exec()
                .isEmpty();
    }

    /** The engine lists an untagged image with the pseudo tag {@code <none>:<none>}. */
    private static List<String> tags(String[] repoTags) {
        return repoTags == null ? List.of()
                : Arrays.stream(repoTags).filter(tag -> !tag.startsWith("<none>")).toList();
    }

    private static String message(Throwable e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return message.replaceFirst("^Could not build image: ", "").trim();
    }

    @PreDestroy
    void close() throws IOException {
        docker.close();
    }

    /** Forwards every line of the build output; the engine sends them in arbitrary chunks. */
    private static final class LoggingCallback extends BuildImageResultCallback {
        private final Consumer<String> log;
        final BuildSteps steps = new BuildSteps();
        private final StringBuilder partial = new StringBuilder();

        LoggingCallback(Consumer<String> log) {
            this.log = log;
        }

        @Override
        public void onNext(BuildResponseItem item) {
            if (item.getStream() != null) {
                emit(item.getStream());
            }
            if (item.isErrorIndicated()) {
                String error = item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError();
                log.accept("ERROR: " + error);
            }
            super.onNext(item);
        }

        private void emit(String chunk) {
            partial.append(chunk);
            for (int newline = partial.indexOf("\n"); newline >= 0; newline = partial.indexOf("\n")) {
                String line = partial.substring(0, newline).stripTrailing();
                partial.delete(0, newline + 1);
                if (!line.isEmpty()) {
                    steps.read(line);
                    log.accept(line);
                }
            }
        }

        @Override
        public void onComplete() {
            if (!partial.isEmpty()) {
                log.accept(partial.toString().stripTrailing());
                partial.setLength(0);
            }
            super.onComplete();
        }
    }
}
