package io.cloudunit.build.limits;

import io.cloudunit.build.artifact.UploadLimit;
import io.cloudunit.platform.problem.ProblemException;

/**
 * The limits of a tenant's plan that build-service enforces (ADR 0018): builds of the tenant running at the same
 * time, across every instance of the service, and the largest artifact it may upload, in MiB.
 */
public record BuildLimits(String plan, int maxConcurrentBuilds, int maxArtifactMb) {

    /** The plan's artifact limit, or the service's when that is the smaller: the refusal names the one that holds. */
    public UploadLimit uploadLimit(String tenant, UploadLimit service) {
        UploadLimit own = UploadLimit.ofPlan(tenant, plan, maxArtifactMb);
        return own.bytes() < service.bytes() ? own : service;
    }

    /** A plan that allows no build at all: its uploads are refused rather than queued for ever. */
    public boolean allowsNoBuilds() {
        return maxConcurrentBuilds <= 0;
    }

    public ProblemException noBuilds(String tenant) {
        return ProblemException.conflict("tenant '" + tenant + "' may run no builds on plan '" + plan
                + "' (maxConcurrentBuilds 0): nothing was stored; ask a platform admin for a plan that allows builds");
    }
}
