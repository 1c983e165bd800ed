package io.cloudunit.deployer.release;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cloudunit.deployer.rollout.Deployment;
import io.cloudunit.deployer.rollout.DeploymentStatus;

/**
 * A release as the API shows it: who made it ({@code actor}, null for a build) and why, what it runs, and its
 * {@code status}: {@code current} (it serves), {@code deploying}, {@code failed} (its rollout failed),
 * {@code previous} (it served before), {@code image-gone} (its image left the engine: it cannot run again).
 * {@code deploymentId} is its latest rollout ({@code GET …/deployments/{id}}); {@code failure} why that rollout failed
 * (exit code, OOM, last log lines, and whether it was rolled back automatically, ADR 0027), null unless it did.
 */
public record ReleaseView(int version, UUID buildId, Long buildNumber, String image, String reason, String actor,
        OffsetDateTime createdAt, String status, boolean imageGone, Integer memoryMb, Double cpus,
        Integer rolledBackFrom, UUID deploymentId, String failure) {

    public static final String CURRENT = "current";
    public static final String DEPLOYING = "deploying";
    public static final String FAILED = "failed";
    public static final String PREVIOUS = "previous";
    public static final String IMAGE_GONE = "image-gone";

    static List<ReleaseView> all(List<Release> releases, List<Deployment> rollouts, Release serving) {
        Map<Integer, Deployment> latest = rollouts.stream().collect(Collectors.toMap(d -> d.version,
                Function.identity(), (a, b) -> a.createdAt.isAfter(b.createdAt) ? a : b));
        Integer current = serving == null ? null : serving.version;
        return releases.stream().sorted(Comparator.comparingInt((Release r) -> r.version).reversed())
                .map(r -> of(r, latest.get(r.version), current)).toList();
    }

    private static ReleaseView of(Release r, Deployment rollout, Integer current) {
        return new ReleaseView(r.version, r.buildId, r.buildNumber, r.image, r.reason, r.actor, r.createdAt,
                status(r, rollout, current), r.imageGoneAt != null, r.memoryMb, r.cpus, r.rolledBackFrom,
                rollout == null ? null : rollout.id,
                rollout != null && rollout.status == DeploymentStatus.FAILED ? rollout.reason : null);
    }

    private static String status(Release r, Deployment rollout, Integer current) {
        if (current != null && current == r.version) {
            return CURRENT;
        }
        if (r.imageGoneAt != null) {
            return IMAGE_GONE;
        }
        if (rollout == null || rollout.status == DeploymentStatus.PENDING
                || rollout.status == DeploymentStatus.RUNNING) {
            return DEPLOYING;
        }
        return rollout.status == DeploymentStatus.FAILED ? FAILED : PREVIOUS;
    }
}
