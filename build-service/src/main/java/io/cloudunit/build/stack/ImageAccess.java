package io.cloudunit.build.stack;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.build.docker.ImageBuilder;
import io.cloudunit.build.docker.ImageBuilder.FoundImage;
import io.cloudunit.build.docker.ImageLabels;
import io.cloudunit.platform.problem.ProblemException;

/**
 * Which images a tenant may build from (stack {@code image}, a Dockerfile's FROM): one on the engine, never pulled,
 * and not built for another tenant. Another tenant's image is refused exactly like a missing one, so its existence
 * does not leak.
 */
@ApplicationScoped
public class ImageAccess {
    /** Names, tags and digests: no whitespace or {@code $}, so a reference cannot smuggle a Dockerfile line. */
    private static final Pattern REFERENCE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,254}$");

    private final ImageBuilder images;

    public ImageAccess(ImageBuilder images) {
        this.images = images;
    }

    /** The image's id ({@code sha256:…}), or a 422 saying what is wrong with {@code reference}. */
    public String requireUsable(String reference, String tenant, String role) {
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            throw ProblemException.unprocessable(role + " \"" + printable(reference) + "\" is not an image reference "
                    + "(name[:tag] or name@sha256:…)");
        }
        FoundImage image = images.find(reference)
                .filter(found -> ownedByOrShared(found, tenant))
                .orElseThrow(() -> ProblemException.unprocessable(role + " " + reference + " is not an image on the "
                        + "build engine (nothing is pulled): use an image the platform has, e.g. a base image, or one "
                        + "built for this tenant"));
        if (!image.onBuild().isEmpty()) {
            // triggers would run in the build, unchecked (a COPY --from= another tenant's image, a RUN)
            throw ProblemException.unprocessable(role + " " + reference + " has ONBUILD instructions, which builds "
                    + "here do not run: use an image without them");
        }
        return image.id();
    }

    private static boolean ownedByOrShared(FoundImage image, String tenant) {
        String owner = image.labels().get(ImageLabels.TENANT);
        return owner == null || owner.equals(tenant);
    }

    private static String printable(String reference) {
        if (reference == null) {
            return "";
        }
        String shown = reference.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 100 ? shown.substring(0, 100) + "…" : shown;
    }
}
