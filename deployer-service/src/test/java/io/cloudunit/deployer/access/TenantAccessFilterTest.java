package io.cloudunit.deployer.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.cloudunit.platform.problem.Problem;

/** The decision alone (pure logic); ApiTest covers it behind real HTTP, tokens and the tenant-service stub. */
class TenantAccessFilterTest {
    static final CallerTenants CAROL = new CallerTenants("c-1", "carol",
            List.of(new CallerTenants.Membership("acme", "developer"), new CallerTenants.Membership("globex", "viewer")));

    @Test
    void aMemberWithTheLeastRoleOrAStrongerOneIsAdmitted() {
        assertThat(TenantAccessFilter.judge(CAROL, "acme", "developer")).isNull();
        assertThat(TenantAccessFilter.judge(CAROL, "acme", "viewer")).isNull();
        assertThat(TenantAccessFilter.judge(CAROL, "globex", "viewer")).isNull();
    }

    @Test
    void aMemberWhoseRoleIsTooWeakGets403NamingTheRole() {
        assertRefused(TenantAccessFilter.judge(CAROL, "acme", "owner"), 403, "needs the owner role");
        assertRefused(TenantAccessFilter.judge(CAROL, "globex", "developer"), 403, "you are viewer");
    }

    @Test
    void aNonMemberGets404LikeForATenantThatDoesNotExist() {
        assertRefused(TenantAccessFilter.judge(CAROL, "initech", "viewer"), 404, "tenant 'initech' not found");
    }

    @Test
    void aRequirementThatIsNoTenantRoleAdmitsNobody() {
        assertRefused(TenantAccessFilter.judge(CAROL, "acme", "platform-admin"), 403, "platform-admin");
        assertRefused(TenantAccessFilter.judge(CAROL, "acme", "ownr"), 403, "ownr");
    }

    @Test
    void aRoleTenantServiceKnowsButTheDeployerDoesNotCountsAsNoMembership() {
        CallerTenants future = new CallerTenants("f-1", "frank", List.of(new CallerTenants.Membership("acme", "auditor")));
        assertRefused(TenantAccessFilter.judge(future, "acme", "viewer"), 404, "not found");
    }

    private static void assertRefused(Response response, int status, String detail) {
        assertThat(response).isNotNull();
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(((Problem) response.getEntity()).detail()).contains(detail);
    }
}
