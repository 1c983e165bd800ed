package io.cloudunit.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cloudunit.deployer.crash.CrashHistory;
import io.cloudunit.deployer.support.Db;
import io.cloudunit.deployer.support.Names;
import io.cloudunit.deployer.support.TenantServiceStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Recorded exits are forgotten once older than crash.keep (7 days), and only those. */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class CrashHistoryTest {
    static final String TENANT = Names.unique("t");

    @Inject
    CrashHistory history;

    @AfterEach
    void cleanUp() {
        Db.update("delete from deployer.instance_crash where tenant = ?", TENANT);
    }

    @Test
    void exitsRecordedLongerAgoThanTheyAreKeptAreForgotten() {
        record("old", "8 days");
        record("recent", "6 days");
        record("fresh", "1 minute");

        assertThat(history.prune()).isGreaterThanOrEqualTo(1);

        assertThat(kept()).isEqualTo("fresh,recent");
        assertThat(history.prune()).isZero();
    }

    private static void record(String container, String age) {
        Db.update("insert into deployer.instance_crash (container_id, exited_at, tenant, app, instance, version, "
                + "exit_code, recorded_at) values (?, '2026-01-01T00:00:00Z', ?, 'web', 'i', 1, 3, now() - interval '"
                + age + "')", TENANT + "-" + container, TENANT);
    }

    private static String kept() {
        return Db.string("select string_agg(substring(container_id from length(?) + 2), ',' order by container_id) "
                + "from deployer.instance_crash where tenant = ?", TENANT, TENANT);
    }
}
