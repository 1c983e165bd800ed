package io.cloudunit.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With the relay's timer an hour apart, events still reach Kafka: the commit that wrote them notified the relay
 * (PostgreSQL NOTIFY, delivered on commit).
 */
@QuarkusTest
@TestProfile(CommitSignalTest.TimerAnHourApart.class)
class CommitSignalTest {

    public static class TimerAnHourApart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cloudunit.outbox.poll-interval", "1h");
        }
    }

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
    }

    @Test
    void eachCommitThatPublishedStartsARelayPass() {
        for (int i = 0; i < 3; i++) {
            long since = System.currentTimeMillis();
            String tenant = Fixtures.tenantOf("alice");
            assertEquals(2, TestKafka.awaitRecords("test.cloudunit.tenants", since, 2,
                    record -> tenant.equals(record.key())).size(), "tenant.created and member.added of " + tenant);
        }
    }
}
