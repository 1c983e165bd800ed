package io.cloudunit.gateway.proxy;

import java.util.List;
import java.util.Optional;

/**
 * A normalised {@code /api/...} path split into its segments, with the positions the route table and the
 * role rule look at: {@code /api/v1/tenants/{tenant}/{section}/{app}/{appSection}/...}.
 */
public record ApiPath(String path, List<String> segments) {
    private static final int TENANT = 3;
    private static final int SECTION = 4;
    private static final int APP = 5;
    private static final int APP_SECTION = 6;

    public static ApiPath of(String normalizedPath) {
        String trimmed = normalizedPath.startsWith("/") ? normalizedPath.substring(1) : normalizedPath;
        // -1 keeps empty segments, so "/api/v1/tenants//x" has an empty (invalid) tenant instead of "x".
        return new ApiPath(normalizedPath, List.of(trimmed.split("/", -1)));
    }

    /** The tenant of a {@code /api/v1/tenants/{t}/...} path; empty for /me, /tenants and anything else. */
    public Optional<String> tenant() {
        return isUnderTenants() && segments.size() > TENANT && !isTenantCollection()
                ? Optional.of(segments.get(TENANT))
                : Optional.empty();
    }

    /** The segment after the tenant ({@code apps}, {@code members}, {@code events} …), or empty. */
    public Optional<String> section() {
        return segment(SECTION);
    }

    /** The segment after {@code apps/{a}} ({@code builds}, {@code releases} …), or empty. */
    public Optional<String> appSection() {
        return section().filter("apps"::equals).flatMap(apps -> segment(APP_SECTION));
    }

    public boolean hasApp() {
        return section().filter("apps"::equals).isPresent() && segments.size() > APP;
    }

    /** Exactly {@code /api/v1/tenants/{t}} (a trailing slash included). */
    public boolean isTenantItself() {
        return tenant().isPresent() && (segments.size() == TENANT + 1
                || segments.size() == SECTION + 1 && segments.get(SECTION).isEmpty());
    }

    /** Exactly {@code /api/v1/tenants} (what any signed-in user may list or create). */
    public boolean isTenantCollection() {
        return isUnderTenants() && (segments.size() == TENANT
                || segments.size() == TENANT + 1 && segments.get(TENANT).isEmpty());
    }

    private boolean isUnderTenants() {
        return segments.size() >= 3 && "api".equals(segments.get(0)) && "v1".equals(segments.get(1))
                && "tenants".equals(segments.get(2));
    }

    private Optional<String> segment(int index) {
        return tenant().filter(t -> segments.size() > index).map(t -> segments.get(index));
    }
}
