package io.cloudunit.platform.api;

/**
 * The OpenAPI extension naming the least role an operation needs in the path's tenant (or {@link #PLATFORM_ADMIN}). Each service declares
 * it beside its endpoints ({@code @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.VIEWER)}); the
 * gateway reads it from the services' documents, enforces it, and serves the merged document.
 */
public final class RequiredRole {
    public static final String EXTENSION = "x-cloudunit-role";
    public static final String OWNER = "owner";
    public static final String DEVELOPER = "developer";
    public static final String VIEWER = "viewer";
    /**
     * Not a tenant role: the realm role of the platform's operators. An operation declaring it is for platform
     * admins only, on any tenant, member or not; the gateway answers 403 to the tenant's members and 404 to
     * anyone else.
     */
    public static final String PLATFORM_ADMIN = "platform-admin";

    private RequiredRole() {
    }
}
