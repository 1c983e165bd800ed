package io.cloudunit.platform.problem;

import java.io.IOException;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

/**
 * What the caller is told when a service asked another one on their behalf (with their token) and that failed:
 * a refused token is theirs to renew (401); any other answer or no answer at all is a platform hiccup to retry.
 */
public final class UpstreamFailures {

    private UpstreamFailures() {
    }

    /**
     * @param service the service that was asked, e.g. {@code tenant-service}
     * @param doing what it was asked, e.g. {@code looking up the app}
     */
    public static Throwable toProblem(Throwable failure, String service, String doing) {
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status == 401) {
                return new ProblemException(401, "your token was refused: sign in again");
            }
            return new ProblemException(502, service + " answered " + status + " while " + doing
                    + "; retry in a moment");
        }
        if (failure instanceof ProcessingException || failure instanceof IOException
                || failure.getCause() instanceof IOException) {
            return new ProblemException(503, service + " is not reachable; retry in a moment");
        }
        return failure;
    }
}
