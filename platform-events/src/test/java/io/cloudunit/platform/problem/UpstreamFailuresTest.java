package io.cloudunit.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.junit.jupiter.api.Test;

class UpstreamFailuresTest {

    @Test
    void aRefusedTokenIsTheCallersToRenew() {
        ProblemException problem = (ProblemException) UpstreamFailures.toProblem(new WebApplicationException(401),
                "tenant-service", "checking your membership");
        assertEquals(401, problem.status());
        assertEquals("your token was refused: sign in again", problem.getMessage());
    }

    @Test
    void anyOtherAnswerIsABadGatewayNamingTheServiceAndWhatItWasAsked() {
        ProblemException problem = (ProblemException) UpstreamFailures.toProblem(new WebApplicationException(500),
                "tenant-service", "looking up the app");
        assertEquals(502, problem.status());
        assertEquals("tenant-service answered 500 while looking up the app; retry in a moment", problem.getMessage());
    }

    @Test
    void noAnswerAtAllIsUnavailable() {
        for (Throwable failure : new Throwable[] { new ProcessingException("refused"), new IOException("reset"),
                new IllegalStateException(new IOException("closed")) }) {
            ProblemException problem = (ProblemException) UpstreamFailures.toProblem(failure, "tenant-service", "x");
            assertEquals(503, problem.status(), failure.toString());
            assertEquals("tenant-service is not reachable; retry in a moment", problem.getMessage());
        }
    }

    @Test
    void anythingElseIsLeftAsItIs() {
        IllegalArgumentException bug = new IllegalArgumentException("bug");
        assertSame(bug, UpstreamFailures.toProblem(bug, "tenant-service", "x"));
    }
}
