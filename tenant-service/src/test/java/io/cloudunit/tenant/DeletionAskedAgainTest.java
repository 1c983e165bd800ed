package io.cloudunit.tenant;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Answers that stay missing make tenant-service ask again (a new event), until every participant answered. */
@QuarkusTest
@TestProfile(DeletionAskedAgainTest.AskAgainSoon.class)
class DeletionAskedAgainTest {

    public static class AskAgainSoon implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cloudunit.tenant.deletion.ask-again-after", "2s");
        }
    }

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
    }

    @Test
    void aDeletionWithoutEveryAnswerIsRequestedAgainThenCompletes() throws Exception {
        long since = System.currentTimeMillis();
        String tenant = Fixtures.tenantOf("alice");
        TenantDeletionTest.delete("alice", tenant).statusCode(202);
        TenantDeletionTest.send(TenantDeletionTest.purged(tenant, "build-service"));

        await().atMost(Duration.ofSeconds(30)).until(() -> requests(tenant).size() >= 2);
        List<OutboxEvents.Event> requested = requests(tenant);
        assertEquals(requested.get(0), requested.get(1), "the same request, as a new event");
        List<String> ids = TestDb.rows("select id::text from tenant.outbox where tenant = ? and type = ?", tenant,
                "io.cloudunit.tenant.deletion-requested").stream().map(row -> (String) row[0]).distinct().toList();
        assertEquals(requested.size(), ids.size(), "each request has its own event id");
        List<OutboxEvents.Event> onTopic = OutboxEvents.onTopic(tenant, since, 4).stream()
                .filter(event -> event.type().equals(TenantDeletionTest.DELETION_REQUESTED)).toList();
        assertEquals(2, onTopic.size());

        TenantDeletionTest.send(TenantDeletionTest.purged(tenant, "deployer-service"));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDb.count(
                "select count(*) from tenant.tenants where name = ?", tenant) == 0);
        assertEquals(1, TenantDeletionTest.ofType(OutboxEvents.of(tenant), "tenant.deleted").size());
    }

    private static List<OutboxEvents.Event> requests(String tenant) {
        return TenantDeletionTest.ofType(OutboxEvents.of(tenant), TenantDeletionTest.DELETION_REQUESTED);
    }
}
