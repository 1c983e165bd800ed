package io.cloudunit.build.artifact;

import io.cloudunit.platform.problem.ProblemException;

/** The most bytes an upload may have, and what the 413 that refuses a larger one says. */
public record UploadLimit(long bytes, String detail) {

    /** The service's own bound, {@code cloudunit.build.max-artifact-mb}, whoever uploads. */
    public static UploadLimit ofService(int maxMb) {
        return new UploadLimit(mib(maxMb), "the artifact is larger than " + maxMb + " MiB, the largest this service "
                + "accepts (cloudunit.build.max-artifact-mb): nothing was stored; make it smaller, or ask the "
                + "operator to raise the limit");
    }

    /** A tenant's plan's {@code maxArtifactMb}. */
    public static UploadLimit ofPlan(String tenant, String plan, int maxMb) {
        return new UploadLimit(mib(maxMb), "the artifact is larger than " + maxMb + " MiB, the largest tenant '"
                + tenant + "' may upload on plan '" + plan + "' (maxArtifactMb): nothing was stored; make it "
                + "smaller, or ask a platform admin for a plan with a larger maxArtifactMb");
    }

    /** Whether a body of {@code length} bytes (as announced by Content-Length) is over the limit. */
    public boolean exceededBy(long length) {
        return length > bytes;
    }

    public ProblemException refusal() {
        return ProblemException.tooLarge(detail);
    }

    private static long mib(int mb) {
        return mb * 1024L * 1024L;
    }
}
