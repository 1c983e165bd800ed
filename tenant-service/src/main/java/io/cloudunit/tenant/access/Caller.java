package io.cloudunit.tenant.access;

/**
 * The signed-in user, taken from the verified token only.
 *
 * @param id the token's {@code sub}
 * @param username the token's {@code preferred_username}
 * @param platformAdmin whether the token carries the realm role {@code platform-admin}
 */
public record Caller(String id, String username, boolean platformAdmin) {
}
