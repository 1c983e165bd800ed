package io.cloudunit.tenant.access;

import io.cloudunit.platform.problem.ProblemException;

/** Operations of the platform itself (plans, every tenant's quota) need the realm role {@code platform-admin}. */
public final class PlatformAdmins {
    private PlatformAdmins() {
    }

    public static ProblemException refused(String what) {
        return new ProblemException(403, what + " needs the platform role " + CurrentCaller.PLATFORM_ADMIN
                + ": ask a platform admin");
    }
}
