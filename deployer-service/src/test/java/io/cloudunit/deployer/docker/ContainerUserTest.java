package io.cloudunit.deployer.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which user an app runs as, and the name of its tenant's bridge (pure logic; the engine's side is in HardeningAuditTest). */
class ContainerUserTest {
    static final String PLATFORM = "10001:10001";

    @Test
    void aNumericNonRootUserOfTheImageIsKept() {
        assertThat(DockerJavaRuntime.runAs("10001:10001", PLATFORM)).isEqualTo("10001:10001");
        assertThat(DockerJavaRuntime.runAs("101", PLATFORM)).isEqualTo("101");
        assertThat(DockerJavaRuntime.runAs("1000:0", PLATFORM)).isEqualTo("1000:0");
    }

    @Test
    void rootNoUserOrAUserNameRunAsThePlatformsUser() {
        for (String user : new String[] {null, "", " ", "0", "00", "0:0", "0:10001", "root", "root:root", "nginx",
                "evil:0", "10001x", "-1"}) {
            assertThat(DockerJavaRuntime.runAs(user, PLATFORM)).as("image user '%s'", user).isEqualTo(PLATFORM);
        }
    }

    @Test
    void tenantBridgesAreNamedForTheHostFirewall() {
        String bridge = DockerJavaRuntime.bridgeName("cu-net-acme");
        assertThat(bridge).matches("cu-[0-9a-f]{12}").hasSizeLessThanOrEqualTo(15);
        assertThat(DockerJavaRuntime.bridgeName("cu-net-acme")).isEqualTo(bridge);
        assertThat(DockerJavaRuntime.bridgeName("cu-net-globex")).isNotEqualTo(bridge);
    }
}
