package io.cloudunit.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudunit.deployer.support.Docker;
import io.cloudunit.deployer.support.Events;
import io.cloudunit.deployer.support.Members;
import io.cloudunit.deployer.support.Names;
import io.cloudunit.deployer.support.TenantApps;
import io.cloudunit.deployer.support.TenantServiceStub;
import io.cloudunit.deployer.support.TestImages;
import io.cloudunit.platform.events.AppEvent;
import io.cloudunit.platform.events.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The hardening audit (DESIGN §5, ADR 21): every instance of every app of a tenant, read back with {@code docker
 * inspect} and, for what inspect only claims, from the kernel ({@code /proc/<pid>/status} of the app's processes).
 * One app runs an image as the build stacks make it (uid 10001); the other an image that asks for root and
 * declares a VOLUME, as a tenant's own Dockerfile may.
 */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class HardeningAuditTest {
    static final String RUN = Names.unique("deployer-");
    static final String TENANT = Names.unique("t");
    static final Duration ROLLOUT = Duration.ofSeconds(90);
    static final String NON_ROOT = "10001:10001";

    record Resources(int memoryMb, double cpus) {
    }

    static Events events;
    static String hello;
    static String rooted;

    @BeforeAll
    static void buildImagesAndListen() {
        hello = TestImages.build(TestImages.HELLO, "cloudunit-test/" + RUN + "-hello:1", RUN);
        rooted = TestImages.build("cloudunit-test/" + RUN + "-rooted:1", RUN, "USER root\nVOLUME /data",
                Map.of("Main", TestImages.HELLO));
        events = new Events(List.of(Events.topic(Topics.DEPLOYMENTS), Events.topic(Topics.INSTANCES)),
                List.of(TENANT));
        Members.add(TENANT, "alice", "viewer");
    }

    @AfterAll
    static void tearDown() {
        TenantApps.purgeAfterClass(events, List.of(TENANT), RUN, Duration.ofSeconds(60));
    }

    @Test
    void everyInstanceOfEveryAppIsHardened() throws IOException {
        Map<String, Resources> apps = Map.of("web", new Resources(160, 0.25), "rooted", new Resources(128, 1.5));
        events.send(new AppEvent.Created(TENANT, "web", new AppEvent.Spec("java", 160, 0.25, 2, "/health")));
        events.send(new AppEvent.Created(TENANT, "rooted", new AppEvent.Spec("java", 128, 1.5, 1, null)));
        TenantApps.buildSucceeded(events, TENANT, "web", 1, hello);
        TenantApps.buildSucceeded(events, TENANT, "rooted", 1, rooted);
        TenantApps.awaitDeployed(TENANT, "web", ROLLOUT);
        TenantApps.awaitDeployed(TENANT, "rooted", ROLLOUT);

        List<String> instances = Docker.instances("io.cloudunit.tenant=" + TENANT);
        assertThat(instances).containsExactlyInAnyOrder("cu-" + TENANT + "-web-v1-1", "cu-" + TENANT + "-web-v1-2",
                "cu-" + TENANT + "-rooted-v1-1");
        for (String name : instances) {
            JsonNode c = Docker.inspect("--type", "container", name);
            Resources asked = apps.get(c.at("/Config/Labels/io.cloudunit.app").asText());
            assertLimits(name, c.get("HostConfig"), asked);
            assertNoPrivilege(name, c);
            assertNothingOfTheHost(name, c);
            assertTenantNetworkOnly(name, c);
            assertLogsAndRestarts(name, c.get("HostConfig"));
            assertThat(c.at("/Config/User").asText()).as("%s user", name).isEqualTo(NON_ROOT);
            assertTheKernelAgrees(name);
        }
        String spare = await().atMost(Duration.ofSeconds(30)).until(HardeningAuditTest::aSpareSandbox, s -> s != null);
        assertSandbox(spare, Docker.inspect("--type", "container", spare));
        JsonNode rootedOne = Docker.inspect("--type", "container", "cu-" + TENANT + "-rooted-v1-1");
        assertThat(rootedOne.at("/HostConfig/Tmpfs/~1data").asText())
                .as("the image's VOLUME is a tmpfs charged to the container's memory")
                .isEqualTo("rw,nosuid,nodev,size=128m");
    }

    static void assertLimits(String name, JsonNode host, Resources asked) {
        long bytes = asked.memoryMb() * 1024L * 1024L;
        assertThat(host.get("Memory").asLong()).as("%s memory", name).isEqualTo(bytes);
        assertThat(host.get("MemorySwap").asLong()).as("%s memory+swap = memory: no swap", name).isEqualTo(bytes);
        assertThat(host.get("NanoCpus").asLong()).as("%s CPU quota", name)
                .isEqualTo(Math.round(asked.cpus() * 1_000_000_000d));
        assertThat(host.get("CpuQuota").asLong()).as("%s no second, looser CPU quota", name).isZero();
        assertThat(host.get("PidsLimit").asLong()).as("%s pids limit", name).isEqualTo(256);
        assertThat(host.get("OomKillDisable").asBoolean()).as("%s OOM killer stays on", name).isFalse();
    }

    static void assertNoPrivilege(String name, JsonNode c) {
        JsonNode host = c.get("HostConfig");
        assertThat(host.get("Privileged").asBoolean()).as("%s privileged", name).isFalse();
        assertThat(texts(host.get("CapDrop"))).as("%s CapDrop", name).containsExactly("ALL");
        assertThat(texts(host.get("CapAdd"))).as("%s CapAdd", name).isEmpty();
        List<String> securityOpts = texts(host.get("SecurityOpt"));
        assertThat(securityOpts).as("%s SecurityOpt", name).contains("no-new-privileges");
        assertThat(securityOpts).as("%s keeps the default seccomp and AppArmor profiles", name)
                .noneMatch(opt -> opt.contains("unconfined") || opt.startsWith("seccomp") || opt.startsWith("apparmor")
                        || opt.startsWith("label"));
        assertThat(host.get("ReadonlyRootfs").asBoolean())
                .as("%s: the root filesystem stays writable (Tomcat and users' images write to it; ADR 21)", name)
                .isFalse();
        for (String namespace : List.of("PidMode", "UTSMode", "UsernsMode", "CgroupParent")) {
            assertThat(host.path(namespace).asText()).as("%s %s", name, namespace).isEmpty();
        }
        assertThat(host.get("IpcMode").asText()).as("%s IpcMode", name).isIn("private", "shareable");
        assertThat(texts(host.get("Devices"))).as("%s devices", name).isEmpty();
        assertThat(texts(host.get("DeviceCgroupRules"))).as("%s device rules", name).isEmpty();
        assertThat(texts(host.get("DeviceRequests"))).as("%s device requests", name).isEmpty();
        assertThat(host.path("Sysctls").size()).as("%s sysctls", name).isZero();
        assertThat(host.path("Runtime").asText()).as("%s runtime", name).isEqualTo("runc");
    }

    static void assertNothingOfTheHost(String name, JsonNode c) {
        JsonNode host = c.get("HostConfig");
        assertThat(texts(host.get("Binds"))).as("%s binds", name).isEmpty();
        assertThat(host.path("Mounts").size()).as("%s mounts requested", name).isZero();
        assertThat(c.get("Mounts").size()).as("%s mounts (volumes, binds)", name).isZero();
        assertThat(texts(host.get("VolumesFrom"))).as("%s volumes-from", name).isEmpty();
        assertThat(c.toString()).as("%s mentions no docker socket", name).doesNotContain("docker.sock");
    }

    /** An instance runs in the network namespace of a sandbox of its own, which has the network and the port. */
    static void assertTenantNetworkOnly(String name, JsonNode c) throws IOException {
        JsonNode host = c.get("HostConfig");
        JsonNode sandbox = Docker.networkOf(name);
        assertThat(host.get("NetworkMode").asText()).as("%s network mode: its sandbox's", name)
                .isEqualTo("container:" + sandbox.get("Id").asText());
        assertThat(sandbox.get("Name").asText()).as("%s sandbox", name).isEqualTo("/" + name + "-net");
        assertThat(texts(host.get("ExtraHosts"))).as("%s extra hosts (host-gateway)", name).isEmpty();
        assertThat(texts(host.get("Links"))).as("%s links", name).isEmpty();
        assertThat(host.path("PortBindings").size()).as("%s publishes nothing itself", name).isZero();
        assertThat(host.get("PublishAllPorts").asBoolean()).as("%s publish all", name).isFalse();
        assertSandbox(name + "-net", sandbox);
    }

    /** A network sandbox: as hardened as an instance, read-only, small, with the tenant's network only. */
    static void assertSandbox(String name, JsonNode c) throws IOException {
        JsonNode host = c.get("HostConfig");
        assertThat(c.at("/Config/Labels/io.cloudunit.sandbox").asText()).as("%s label", name).isEqualTo("true");
        assertThat(c.at("/Config/Labels/io.cloudunit.tenant").asText()).as("%s tenant", name).isEqualTo(TENANT);
        assertThat(c.at("/Config/User").asText()).as("%s user", name).isEqualTo(NON_ROOT);
        assertThat(host.get("Privileged").asBoolean()).as("%s privileged", name).isFalse();
        assertThat(texts(host.get("CapDrop"))).as("%s CapDrop", name).containsExactly("ALL");
        assertThat(texts(host.get("CapAdd"))).as("%s CapAdd", name).isEmpty();
        assertThat(texts(host.get("SecurityOpt"))).as("%s SecurityOpt", name).contains("no-new-privileges");
        assertThat(host.get("ReadonlyRootfs").asBoolean()).as("%s read-only root", name).isTrue();
        assertThat(host.get("Memory").asLong()).as("%s memory", name).isEqualTo(16L * 1024 * 1024);
        assertThat(host.get("MemorySwap").asLong()).as("%s no swap", name).isEqualTo(16L * 1024 * 1024);
        assertThat(host.get("NanoCpus").asLong()).as("%s CPU quota", name).isPositive();
        assertThat(host.get("PidsLimit").asLong()).as("%s pids limit", name).isEqualTo(8);
        assertThat(host.at("/LogConfig/Type").asText()).as("%s log driver", name).isEqualTo("json-file");
        assertThat(host.at("/RestartPolicy/Name").asText()).as("%s: never restarted into a new namespace", name)
                .isIn("", "no");
        for (String namespace : List.of("PidMode", "UTSMode", "UsernsMode", "CgroupParent")) {
            assertThat(host.path(namespace).asText()).as("%s %s", name, namespace).isEmpty();
        }
        assertNothingOfTheHost(name, c);
        String network = "cu-net-" + TENANT;
        assertThat(host.get("NetworkMode").asText()).as("%s network mode", name).isEqualTo(network);
        assertThat(c.at("/NetworkSettings/Networks").fieldNames()).toIterable().as("%s networks", name)
                .containsExactly(network);
        assertThat(texts(host.get("ExtraHosts"))).as("%s extra hosts (host-gateway)", name).isEmpty();
        assertThat(texts(host.get("Links"))).as("%s links", name).isEmpty();
        assertThat(host.get("PublishAllPorts").asBoolean()).as("%s publish all", name).isFalse();
        List<JsonNode> published = new ArrayList<>();
        host.get("PortBindings").forEach(bindings -> bindings.forEach(published::add));
        c.at("/NetworkSettings/Ports").forEach(bindings -> bindings.forEach(published::add));
        assertThat(published).as("%s publishes port 8080", name).isNotEmpty();
        assertThat(published).as("%s publishes on 127.0.0.1 only", name)
                .allMatch(binding -> binding.get("HostIp").asText().equals("127.0.0.1"));
        Iterator<String> ports = c.at("/NetworkSettings/Ports").fieldNames();
        assertThat(ports).toIterable().as("%s exposes only the app port", name).containsExactly("8080/tcp");

        JsonNode net = Docker.inspect("--type", "network", network);
        assertThat(net.get("Driver").asText()).isEqualTo("bridge");
        assertThat(net.get("Internal").asBoolean()).as("apps may call the internet").isFalse();
        assertThat(net.at("/Labels/io.cloudunit.tenant").asText()).isEqualTo(TENANT);
        String bridge = net.at("/Options/com.docker.network.bridge.name").asText();
        assertThat(bridge).as("the bridge the host firewall matches with cu-+ (ADR 21)").matches("cu-[0-9a-f]{12}");
        assertThat(Files.exists(Path.of("/sys/class/net", bridge))).as("bridge %s on the host", bridge).isTrue();
    }

    private static String aSpareSandbox() {
        return Docker.containers("io.cloudunit.tenant=" + TENANT, "io.cloudunit.sandbox=true").stream()
                .filter(name -> name.startsWith("cu-net-" + TENANT + "-spare-")).findFirst().orElse(null);
    }

    static void assertLogsAndRestarts(String name, JsonNode host) {
        assertThat(host.at("/LogConfig/Type").asText()).as("%s log driver", name).isEqualTo("json-file");
        assertThat(host.at("/LogConfig/Config/max-size").asText()).as("%s log max-size", name).isEqualTo("10m");
        assertThat(host.at("/LogConfig/Config/max-file").asText()).as("%s log max-file", name).isEqualTo("3");
        assertThat(host.at("/RestartPolicy/Name").asText()).as("%s restart policy", name).isEqualTo("on-failure");
        assertThat(host.at("/RestartPolicy/MaximumRetryCount").asInt()).as("%s restart cap", name).isEqualTo(5);
    }

    /** What the app's processes really run with: uid, capabilities, no-new-privileges and seccomp, per the kernel. */
    static void assertTheKernelAgrees(String name) throws IOException {
        List<String> pids = List.of(Docker.ok("top", name, "-eo", "pid").lines().skip(1).map(String::trim)
                .filter(line -> !line.isEmpty()).toArray(String[]::new));
        assertThat(pids).as("%s processes", name).isNotEmpty();
        for (String pid : pids) {
            Map<String, String> status = procStatus(pid);
            assertThat(status.get("Uid")).as("%s pid %s real/effective/saved uid", name, pid)
                    .isEqualTo("10001\t10001\t10001\t10001");
            assertThat(status.get("Gid")).as("%s pid %s gid", name, pid).isEqualTo("10001\t10001\t10001\t10001");
            for (String set : List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")) {
                assertThat(status.get(set)).as("%s pid %s %s", name, pid, set).isEqualTo("0000000000000000");
            }
            assertThat(status.get("NoNewPrivs")).as("%s pid %s no-new-privileges", name, pid).isEqualTo("1");
            assertThat(status.get("Seccomp")).as("%s pid %s seccomp filter", name, pid).isEqualTo("2");
        }
    }

    static Map<String, String> procStatus(String pid) throws IOException {
        Map<String, String> out = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
