package io.cloudunit.gateway.audit;

import java.util.Locale;
import java.util.Set;

/** How an audited call ended. */
public enum Outcome {
    /** Answered below 400. */
    SUCCEEDED,
    /** Answered 400 or above by the service, or by the gateway for a reason other than the caller's rights. */
    FAILED,
    /** Refused by the gateway itself (401, 403, 404, 429) before anything was forwarded. */
    DENIED,
    /** The connection closed before the answer was complete: the service may or may not have acted. */
    ABORTED;

    private static final Set<Integer> REFUSALS = Set.of(401, 403, 404, 429);

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param completed the whole answer was sent
     * @param passedEdge the gateway's own checks (authorization, rate limits) let the call through
     */
    static Outcome of(boolean completed, boolean passedEdge, int status) {
        if (!completed) {
            return ABORTED;
        }
        if (!passedEdge && REFUSALS.contains(status)) {
            return DENIED;
        }
        return status < 400 ? SUCCEEDED : FAILED;
    }
}
