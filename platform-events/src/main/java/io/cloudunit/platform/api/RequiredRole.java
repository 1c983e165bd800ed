package io.cloudunit.platform.api;

/**
 * The OpenAPI extension naming the least role an operation needs in the path's tenant. Each service declares
 * it beside its endpoints ({@code @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.VIEWER)}); the
 * gateway reads it from the services' documents, enforces it, and serves the merged document.
 */
public final class RequiredRole {
    public static final String EXTENSION = "x-cloudunit-role";
    public static final String OWNER = "owner";
    public static final String DEVELOPER = "developer";
    public static final String VIEWER = "viewer";
    public static final String PLATFORM_ADMIN = "platform-admin";

    private RequiredRole() {
    }
}
