package io.cloudunit.tenant.access;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.cloudunit.platform.problem.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;

/**
 * A missing or refused token answers 401 as problem+json like every other error. Authentication runs
 * lazily inside the REST layer (see application.properties) so that these mappers see the failures.
 */
public class AuthProblems {
    private static final String DETAIL = "a valid bearer token is required: sign in to Keycloak (realm cloudunit) "
            + "and send 'Authorization: Bearer <access token>'";

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return challenge();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return challenge();
    }

    private static Response challenge() {
        return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, DETAIL).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
