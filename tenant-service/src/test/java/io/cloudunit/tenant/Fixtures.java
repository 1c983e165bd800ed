package io.cloudunit.tenant;

import static io.restassured.RestAssured.given;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Unique names, authenticated requests and cleanup. The test database is shared between runs, so every
 * test uses fresh names and each class deletes the tenants it created.
 */
public final class Fixtures {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    private Fixtures() {
    }

    /** A fresh DNS label: {@code prefix} + 8 random characters. */
    public static String name(String prefix) {
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < 8; i++) {
            name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }

    public static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user));
    }

    /** Creates a tenant owned by {@code user}, checks it answered 201 and returns its name. */
    public static String tenantOf(String user) {
        String tenant = name("t");
        as(user).contentType(ContentType.JSON).body(Map.of("name", tenant))
                .post("/api/v1/tenants").then().statusCode(201);
        created(tenant);
        return tenant;
    }

    /** Creates an app with only name and stack, checks it answered 201 and returns its name. */
    public static String appOf(String user, String tenant) {
        String app = name("a");
        as(user).contentType(ContentType.JSON).body(Map.of("name", app, "stack", "java"))
                .post("/api/v1/tenants/{t}/apps", tenant).then().statusCode(201);
        return app;
    }

    /**
     * Makes {@code user} a member of {@code tenant} directly in the database, for tests about what members
     * may do rather than about how they are added.
     */
    public static void member(String tenant, String user, String role) {
        TestDb.update("insert into tenant.members (tenant, user_id, username, role, added_at) "
                + "values (?, ?, ?, ?, now())", tenant, Tokens.subjectOf(user), user, role);
    }

    /** Remembers a tenant to delete in {@link #cleanUp()}. */
    public static void created(String tenant) {
        CREATED.add(tenant);
    }

    public static void cleanUp() {
        for (String tenant : CREATED) {
            TestDb.update("delete from tenant.instance_usage where tenant = ?", tenant);
            TestDb.update("delete from tenant.tenants where name = ?", tenant);
        }
        CREATED.clear();
    }
}
