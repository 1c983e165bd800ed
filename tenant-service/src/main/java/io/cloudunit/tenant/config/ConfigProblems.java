package io.cloudunit.tenant.config;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.cloudunit.platform.problem.Problem;

/** A stored value that cannot be decrypted is the platform's fault: the caller is told, the operator is told why. */
public class ConfigProblems {
    private static final Logger LOG = Logger.getLogger(ConfigProblems.class);

    @ServerExceptionMapper
    public Response undecryptable(ConfigDecryptionException e) {
        LOG.error(e.getMessage());
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "the stored config of this app cannot be decrypted "
                + "with the platform's keys: report it to the platform operator (the tenant-service log names the "
                + "var and the key)").toResponse();
    }
}
