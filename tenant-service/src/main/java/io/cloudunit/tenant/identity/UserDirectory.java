package io.cloudunit.tenant.identity;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Finds users in Keycloak, where they exist only, through its admin API with tenant-service's own service
 * account (see ADR 0009). A value with an {@code @} is an email, anything else a username.
 */
@ApplicationScoped
public class UserDirectory {
    /** Keycloak names the user of every client's service account so; no person can be one (ADR 0016). */
    public static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    private final KeycloakAdmin keycloak;

    public UserDirectory(KeycloakAdmin keycloak) {
        this.keycloak = keycloak;
    }

    /**
     * The one person named {@code user} (username, or email when it contains {@code @}); a 404 problem if none,
     * 422 for the service account of a client (a tenant token belongs to its own tenant only).
     */
    public Uni<KeycloakApi.User> find(String user) {
        return keycloak.call((api, bearer) -> search(api, bearer, user))
                .onFailure().transform(failure -> keycloak.toProblem(failure, "user lookup",
                        "view-users and query-users"))
                .map(found -> person(user, single(user, found)));
    }

    private Uni<List<KeycloakApi.User>> search(KeycloakApi api, String bearer, String user) {
        boolean byEmail = user.contains("@");
        return api.users(keycloak.realm(), byEmail ? null : user, byEmail ? user : null, true, bearer);
    }

    private static KeycloakApi.User single(String user, List<KeycloakApi.User> found) {
        if (found.isEmpty()) {
            throw ProblemException.notFound("no user '" + user + "' in the identity provider: check the username "
                    + "or email");
        }
        if (found.size() > 1) {
            throw ProblemException.unprocessable(found.size() + " users have the email '" + user
                    + "' in the identity provider: add the member by username instead");
        }
        return found.get(0);
    }

    private static KeycloakApi.User person(String user, KeycloakApi.User found) {
        if (found.username() != null && found.username().startsWith(SERVICE_ACCOUNT_PREFIX)) {
            throw ProblemException.unprocessable("'" + user + "' is the service account of a client (such as a "
                    + "token for CLI and CI), not a person, and cannot become a member: a token acts in the one "
                    + "tenant it was created for; create one here with POST /api/v1/tenants/{tenant}/tokens");
        }
        return found;
    }
}
