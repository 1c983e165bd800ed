package io.cloudunit.tenant;

import static io.cloudunit.tenant.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.cloudunit.tenant.OutboxEvents.Event;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Members are found in the real Keycloak; every change is checked in the API, the outbox and the topic. */
@QuarkusTest
class MemberResourceTest {
    private static final String PROBLEM = "application/problem+json";
    private static final String MEMBERS = "/api/v1/tenants/{t}/members";
    private static final String MEMBER = "/api/v1/tenants/{t}/members/{u}";

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
    }

    @Test
    void anOwnerAddsAUserByUsernameWhoThenActsAsViewer() {
        assumeLookupWorks();
        long since = System.currentTimeMillis();
        String tenant = Fixtures.tenantOf("alice");
        String bob = Tokens.subjectOf("bob");

        add("alice", tenant, "bob", "viewer").statusCode(201)
                .header("Location", "/api/v1/tenants/" + tenant + "/members/bob")
                .body("userId", equalTo(bob))
                .body("username", equalTo("bob"))
                .body("role", equalTo("viewer"));

        as("bob").get("/api/v1/tenants/{t}", tenant).then().statusCode(200).body("role", equalTo("viewer"));
        as("bob").get(MEMBER, tenant, "bob").then().statusCode(200).body("role", equalTo("viewer"));
        as("bob").get("/api/v1/me").then().statusCode(200)
                .body("tenants.find { it.tenant == '" + tenant + "' }.role", equalTo("viewer"));
        as("bob").contentType(ContentType.JSON).body(Map.of("name", Fixtures.name("a"), "stack", "java"))
                .post("/api/v1/tenants/{t}/apps", tenant)
                .then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("is viewer; this needs developer"));

        Event added = new Event("member.added", Map.of("tenant", tenant, "userId", bob, "username", "bob",
                "role", "viewer"));
        assertEquals(added, last(OutboxEvents.of(tenant)));
        assertEquals(added, last(OutboxEvents.onTopic(tenant, since, 3)));
    }

    @Test
    void anOwnerAddsAUserByEmailWhoThenActsAsDeveloper() {
        assumeLookupWorks();
        String tenant = Fixtures.tenantOf("alice");
        add("alice", tenant, "bob@cloudunit.local", "developer").statusCode(201)
                .header("Location", "/api/v1/tenants/" + tenant + "/members/bob")
                .body("userId", equalTo(Tokens.subjectOf("bob")))
                .body("username", equalTo("bob"))
                .body("role", equalTo("developer"));

        Fixtures.appOf("bob", tenant);
        as("bob").get(MEMBERS, tenant).then().statusCode(200)
                .body("username", equalTo(List.of("alice", "bob")))
                .body("role", equalTo(List.of("owner", "developer")));
        assertEquals(new Event("member.added", Map.of("tenant", tenant, "userId", Tokens.subjectOf("bob"),
                "username", "bob", "role", "developer")), OutboxEvents.of(tenant).get(2));
    }

    @Test
    void anUnknownUserIsA404AndChangesNothing() {
        assumeLookupWorks();
        String tenant = Fixtures.tenantOf("alice");
        String nobody = Fixtures.name("nobody");
        add("alice", tenant, nobody, "viewer").statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("no user '" + nobody
                        + "' in the identity provider: check the username or email"));
        add("alice", tenant, nobody + "@cloudunit.local", "viewer").statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("no user '" + nobody + "@cloudunit.local'"));
        // A prefix of a real name is not a match: the lookup is exact.
        add("alice", tenant, "bo", "viewer").statusCode(404);
        assertUnchanged(tenant);
    }

    @Test
    void aUserWhoIsAlreadyAMemberIsA409() {
        assumeLookupWorks();
        String tenant = Fixtures.tenantOf("alice");
        add("alice", tenant, "bob", "viewer").statusCode(201);

        add("alice", tenant, "bob", "owner").statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("'bob' is already a member of tenant '" + tenant + "' as viewer"));
        add("alice", tenant, "bob@cloudunit.local", "developer").statusCode(409);
        add("alice", tenant, "alice", "viewer").statusCode(409)
                .body("detail", containsString("'alice' is already a member of tenant '" + tenant + "' as owner"));

        as("alice").get(MEMBER, tenant, "bob").then().statusCode(200).body("role", equalTo("viewer"));
        assertEquals(List.of("tenant.created", "member.added", "member.added"), types(tenant));
    }

    @Test
    void anOwnerChangesARole() {
        long since = System.currentTimeMillis();
        String tenant = Fixtures.tenantOf("alice");
        Fixtures.member(tenant, "bob", "viewer");

        changeRole("alice", tenant, "bob", "developer").statusCode(200)
                .body("username", equalTo("bob"))
                .body("role", equalTo("developer"));
        Fixtures.appOf("bob", tenant);
        as("bob").get("/api/v1/tenants/{t}", tenant).then().statusCode(200).body("role", equalTo("developer"));

        Event changed = new Event("member.role-changed", Map.of("tenant", tenant, "userId", Tokens.subjectOf("bob"),
                "role", "developer"));
        assertEquals(List.of(changed), ofType(OutboxEvents.of(tenant), "member.role-changed"));
        assertEquals(changed, last(OutboxEvents.onTopic(tenant, since, 3)));

        // The same role again changes nothing, so it announces nothing.
        changeRole("alice", tenant, "bob", "developer").statusCode(200).body("role", equalTo("developer"));
        assertEquals(1, ofType(OutboxEvents.of(tenant), "member.role-changed").size());
    }

    @Test
    void anOwnerRemovesAMember() {
        long since = System.currentTimeMillis();
        String tenant = Fixtures.tenantOf("alice");
        Fixtures.member(tenant, "bob", "developer");

        as("alice").delete(MEMBER, tenant, "bob").then().statusCode(204);

        as("bob").get("/api/v1/tenants/{t}", tenant).then().statusCode(404);
        as("alice").get(MEMBERS, tenant).then().statusCode(200).body("username", equalTo(List.of("alice")));
        Event removed = new Event("member.removed", Map.of("tenant", tenant, "userId", Tokens.subjectOf("bob")));
        assertEquals(removed, last(OutboxEvents.of(tenant)));
        assertEquals(removed, last(OutboxEvents.onTopic(tenant, since, 3)));

        as("alice").delete(MEMBER, tenant, "bob").then().statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("'bob' is not a member of tenant '" + tenant + "'"));
    }

    @Test
    void aMemberMayLeave() {
        String tenant = Fixtures.tenantOf("alice");
        Fixtures.member(tenant, "bob", "viewer");

        as("bob").delete(MEMBER, tenant, "bob").then().statusCode(204);

        as("bob").get("/api/v1/me").then().statusCode(200).body("tenants.tenant", not(hasItem(tenant)));
        assertEquals(new Event("member.removed", Map.of("tenant", tenant, "userId", Tokens.subjectOf("bob"))),
                last(OutboxEvents.of(tenant)));
    }

    @Test
    void theLastOwnerCannotLeaveNorBeDemoted() {
        String tenant = Fixtures.tenantOf("alice");
        as("alice").delete(MEMBER, tenant, "alice").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("you are the last owner of tenant '" + tenant + "' and cannot leave it: "
                        + "promote another member to owner first"));
        changeRole("alice", tenant, "alice", "developer").statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("you are the last owner of tenant '" + tenant
                        + "' and cannot be demoted: promote another member to owner first"));
        assertUnchanged(tenant);
    }

    @Test
    void withTwoOwnersOneMayGoButNotTheOther() {
        String tenant = Fixtures.tenantOf("alice");
        Fixtures.member(tenant, "bob", "owner");

        // bob removes alice (two owners: allowed), then is the last owner himself.
        as("bob").delete(MEMBER, tenant, "alice").then().statusCode(204);
        as("bob").delete(MEMBER, tenant, "bob").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("you are the last owner"));
        Fixtures.member(tenant, "alice", "viewer");
        changeRole("bob", tenant, "bob", "viewer").statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("you are the last owner"));

        // A second owner again: demoting bob is now allowed, and then alice is the one that must stay.
        changeRole("bob", tenant, "alice", "owner").statusCode(200);
        changeRole("alice", tenant, "bob", "developer").statusCode(200);
        as("bob").delete(MEMBER, tenant, "alice").then().statusCode(403);
        changeRole("alice", tenant, "alice", "viewer").statusCode(409);

        as("alice").get(MEMBERS, tenant).then().statusCode(200)
                .body("username", equalTo(List.of("alice", "bob")))
                .body("role", equalTo(List.of("owner", "developer")));
        assertEquals(List.of("tenant.created", "member.added", "member.removed", "member.role-changed",
                "member.role-changed"), types(tenant));
    }

    /**
     * Deterministic: the test holds the tenant's membership lock and demotes bob in its own open transaction;
     * alice's request to demote herself must wait for it, then see that bob is no longer an owner.
     * Without the lock she would have counted two owners and left the tenant with none.
     */
    @Test
    void aDemotionWaitsForAConcurrentOneAndSeesItsResult() throws Exception {
        String tenant = Fixtures.tenantOf("alice");
        Fixtures.member(tenant, "bob", "owner");

        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/cloudunit_test",
                "cloudunit", "cloudunit")) {
            db.setAutoCommit(false);
            execute(db, "select name from tenant.tenants where name = ? for no key update", tenant);
            execute(db, "update tenant.members set role = 'developer' where tenant = ? and username = 'bob'", tenant);

            CompletableFuture<Integer> demoteAlice = CompletableFuture.supplyAsync(
                    () -> changeRole("alice", tenant, "alice", "viewer").extract().statusCode());
            // Done already would mean it did not wait: the assertions below then show what it decided.
            await().atMost(Duration.ofSeconds(20)).until(() -> demoteAlice.isDone() || TestDb.count(
                    "select count(*) from pg_stat_activity where datname = 'cloudunit_test' "
                            + "and wait_event_type = 'Lock' and query like '%for no key update%'") > 0);
            db.commit();
            assertEquals(409, demoteAlice.get());
        }

        assertEquals(1, TestDb.count("select count(*) from tenant.members where tenant = ? and role = 'owner'",
                tenant));
    }

    /** Whichever request goes first, the other one finds its caller no longer an owner. */
    @Test
    void twoOwnersDemotingEachOtherAtOnceLeaveOneOwner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String tenant = Fixtures.tenantOf("alice");
                Fixtures.member(tenant, "bob", "owner");
                CountDownLatch start = new CountDownLatch(1);
                Future<Integer> aliceDemotesBob = pool.submit(() -> {
                    start.await();
                    return changeRole("alice", tenant, "bob", "viewer").extract().statusCode();
                });
                Future<Integer> bobDemotesAlice = pool.submit(() -> {
                    start.await();
                    return changeRole("bob", tenant, "alice", "viewer").extract().statusCode();
                });
                start.countDown();

                List<Integer> statuses = new ArrayList<>(List.of(aliceDemotesBob.get(), bobDemotesAlice.get()));
                statuses.sort(Integer::compare);
                assertEquals(List.of(200, 403), statuses, "round " + round);
                assertEquals(1, TestDb.count("select count(*) from tenant.members where tenant = ? and role = 'owner'",
                        tenant), "round " + round);
                assertEquals(1, ofType(OutboxEvents.of(tenant), "member.role-changed").size(), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void viewersAndDevelopersCannotManageMembersAndOutsidersGet404() {
        String tenant = Fixtures.tenantOf("alice");
        Fixtures.member(tenant, "bob", "viewer");
        assertBobCannotManageMembers(tenant, "viewer");
        changeRole("alice", tenant, "bob", "developer").statusCode(200);
        assertBobCannotManageMembers(tenant, "developer");
        List<String> before = types(tenant);

        add("admin", tenant, "admin", "owner").statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("tenant '" + tenant + "' not found"));
        changeRole("admin", tenant, "bob", "owner").statusCode(404).contentType(PROBLEM);
        as("admin").delete(MEMBER, tenant, "bob").then().statusCode(404).contentType(PROBLEM);
        as("admin").get(MEMBER, tenant, "bob").then().statusCode(404).contentType(PROBLEM);

        as("alice").get(MEMBERS, tenant).then().statusCode(200)
                .body("username", equalTo(List.of("alice", "bob")))
                .body("role", equalTo(List.of("owner", "developer")));
        assertEquals(before, types(tenant));
    }

    private static void assertBobCannotManageMembers(String tenant, String bobsRole) {
        List<String> before = types(tenant);
        add("bob", tenant, "admin", "viewer").statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("your role in tenant '" + tenant + "' is " + bobsRole
                        + "; this needs owner"));
        changeRole("bob", tenant, "bob", "owner").statusCode(403).contentType(PROBLEM);
        changeRole("bob", tenant, "alice", "viewer").statusCode(403).contentType(PROBLEM);
        as("bob").delete(MEMBER, tenant, "alice").then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("this needs owner"));
        as("bob").get(MEMBER, tenant, "bob").then().statusCode(200).body("role", equalTo(bobsRole));
        assertEquals(before, types(tenant));
    }

    @Test
    void badInputIsRefusedWithAProblemAndChangesNothing() {
        String tenant = Fixtures.tenantOf("alice");
        expectAddProblem(tenant, "{\"user\": \"bob\", \"role\": \"admin\"}", 422,
                "role 'admin' is not valid: use one of owner, developer, viewer");
        expectAddProblem(tenant, "{\"user\": \"bob\"}", 422, "role is required: use one of owner, developer, viewer");
        expectAddProblem(tenant, "{\"role\": \"viewer\"}", 422, "user is required");
        expectAddProblem(tenant, "{\"user\": \"  \", \"role\": \"Owner\"}", 422,
                "user is required: a username or an email known to the identity provider; role 'Owner' is not valid");
        expectAddProblem(tenant, "{\"user\": \"" + "x".repeat(256) + "\", \"role\": \"viewer\"}", 422, "at most 255");
        expectAddProblem(tenant, "{\"user\": \"bob\", \"role\": ", 400, "malformed JSON");
        expectAddProblem(tenant, "{\"user\": {\"name\": \"bob\"}, \"role\": \"viewer\"}", 400, "user");
        expectAddProblem(tenant, "", 400, "body is required");
        as("alice").contentType(ContentType.TEXT).body("bob").post(MEMBERS, tenant)
                .then().statusCode(415).contentType(PROBLEM);

        Fixtures.member(tenant, "bob", "viewer");
        List<String> before = types(tenant);
        expectRoleProblem(tenant, "bob", "{\"role\": \"superuser\"}", 422, "role 'superuser' is not valid");
        expectRoleProblem(tenant, "bob", "{}", 422, "role is required");
        expectRoleProblem(tenant, "bob", "{\"role\": ", 400, "malformed JSON");
        expectRoleProblem(tenant, "bob", "", 400, "body is required");
        expectRoleProblem(tenant, "carol", "{\"role\": \"owner\"}", 404, "'carol' is not a member of tenant");
        as("alice").delete(MEMBER, tenant, "carol").then().statusCode(404).contentType(PROBLEM);

        as("alice").get(MEMBERS, tenant).then().statusCode(200)
                .body("username", equalTo(List.of("alice", "bob")))
                .body("role", equalTo(List.of("owner", "viewer")));
        assertEquals(before, types(tenant));
    }

    @Test
    void theOpenApiDocumentDeclaresTheLeastRoleOfEachMemberOperation() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/tenants/{tenant}/members'.post.x-cloudunit-role", equalTo("owner"))
                .body("paths.'/api/v1/tenants/{tenant}/members/{username}'.patch.x-cloudunit-role", equalTo("owner"))
                .body("paths.'/api/v1/tenants/{tenant}/members/{username}'.delete.x-cloudunit-role",
                        equalTo("viewer"))
                .body("paths.'/api/v1/tenants/{tenant}'.patch.x-cloudunit-role", equalTo("owner"));
    }

    /**
     * Adding a member needs the realm to let tenant-service's service account search users; when the running
     * Keycloak does not (yet), these tests are skipped with the reason rather than failing on the realm.
     */
    private static void assumeLookupWorks() {
        assumeTrue(Tokens.serviceAccountMaySearchUsers(), "Keycloak refuses the user search of client "
                + "cloudunit-tenant-service: its token must carry realm-management view-users and query-users "
                + "(client scope 'roles' and a scope mapping for those roles, see ADR 0009)");
    }

    private static ValidatableResponse add(String caller, String tenant, String user, String role) {
        return as(caller).contentType(ContentType.JSON).body(Map.of("user", user, "role", role))
                .post(MEMBERS, tenant).then();
    }

    private static ValidatableResponse changeRole(String caller, String tenant, String username, String role) {
        return as(caller).contentType(ContentType.JSON).body(Map.of("role", role))
                .patch(MEMBER, tenant, username).then();
    }

    private static void expectAddProblem(String tenant, String body, int status, String detail) {
        as("alice").contentType(ContentType.JSON).body(body).post(MEMBERS, tenant)
                .then().statusCode(status).contentType(PROBLEM)
                .body("status", equalTo(status))
                .body("detail", containsString(detail));
    }

    private static void expectRoleProblem(String tenant, String username, String body, int status, String detail) {
        as("alice").contentType(ContentType.JSON).body(body).patch(MEMBER, tenant, username)
                .then().statusCode(status).contentType(PROBLEM)
                .body("status", equalTo(status))
                .body("detail", containsString(detail));
    }

    /** Only the owner, and only the events of the tenant's creation. */
    private static void assertUnchanged(String tenant) {
        as("alice").get(MEMBERS, tenant).then().statusCode(200)
                .body("username", equalTo(List.of("alice")))
                .body("role", equalTo(List.of("owner")));
        assertEquals(List.of("tenant.created", "member.added"), types(tenant));
    }

    private static List<String> types(String tenant) {
        return OutboxEvents.of(tenant).stream().map(Event::type).toList();
    }

    private static List<Event> ofType(List<Event> events, String type) {
        return events.stream().filter(event -> event.type().equals(type)).toList();
    }

    private static Event last(List<Event> events) {
        return events.get(events.size() - 1);
    }

    private static void execute(Connection db, String sql, String param) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, param);
            statement.execute();
        }
    }
}
