package io.cloudunit.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void refusalsBeforeTheGatewaysChecksPassedAreDenials() {
        for (int status : new int[] { 401, 403, 404, 429 }) {
            assertEquals(Outcome.DENIED, Outcome.of(true, false, status));
            assertEquals(Outcome.FAILED, Outcome.of(true, true, status), "the service's own " + status);
        }
        assertEquals(Outcome.FAILED, Outcome.of(true, false, 503), "tenant-service could not be asked");
    }

    @Test
    void answersBelow400SucceededAndBrokenConnectionsAborted() {
        assertEquals(Outcome.SUCCEEDED, Outcome.of(true, true, 202));
        assertEquals(Outcome.FAILED, Outcome.of(true, true, 500));
        assertEquals(Outcome.ABORTED, Outcome.of(false, true, 200));
    }
}
