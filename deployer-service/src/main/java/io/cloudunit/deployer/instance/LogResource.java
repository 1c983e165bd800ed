package io.cloudunit.deployer.instance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.docker.LogLine;
import io.cloudunit.platform.api.RequiredRole;
import io.cloudunit.platform.problem.Names;
import io.cloudunit.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

@Path("/api/v1/tenants/{tenant}/apps/{app}/logs")
@Authenticated
@Tag(name = "instances")
public class LogResource {
    static final String NDJSON = "application/x-ndjson";

    private final AppLogs logs;
    private final DeployerConfig config;
    private final AtomicInteger followers = new AtomicInteger();

    public LogResource(AppLogs logs, DeployerConfig config) {
        this.logs = logs;
        this.config = config;
    }

    @GET
    @Blocking
    @Produces({MediaType.TEXT_PLAIN, NDJSON, MediaType.SERVER_SENT_EVENTS})
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.VIEWER)
    @Operation(summary = "stdout and stderr of every instance, each line tagged with instance and stream: text "
            + "lines (`<instance> <stream> <time> <line>`, or JSON lines with Accept: application/x-ndjson), or "
            + "Server-Sent Events that go on with new lines and new instances when follow=true (minimal role: viewer)")
    public Response logs(@PathParam("tenant") String tenant, @PathParam("app") String app,
            @Parameter(description = "lines from the end, 0 to 10000 (default 100)") @QueryParam("tail") String tail,
            @Parameter(description = "true: stream as SSE until the client leaves") @QueryParam("follow") String follow,
            @HeaderParam("Accept") String accept) {
        Names.requireDnsLabel("tenant", tenant);
        Names.requireDnsLabel("app", app);
        int lines = tail(tail);
        if (following(follow)) {
            return follow(tenant, app, lines);
        }
        List<LogLine> found = logs.tail(tenant, app, lines);
        boolean asJson = accept != null && accept.contains(NDJSON);
        StreamingOutput body = out -> {
            for (LogLine line : found) {
                out.write((asJson ? logs.jsonLine(line) : logs.text(line)).getBytes(StandardCharsets.UTF_8));
            }
        };
        return Response.ok(body, asJson ? NDJSON : MediaType.TEXT_PLAIN + ";charset=utf-8").build();
    }

    private Response follow(String tenant, String app, int lines) {
        if (followers.incrementAndGet() > config.logs().maxFollowers()) {
            followers.decrementAndGet();
            return Response.fromResponse(new ProblemException(503, "too many followed logs open on this deployer (at "
                    + "most " + config.logs().maxFollowers() + "): retry later, or read without follow").problem()
                    .toResponse()).header("Retry-After", "10").build();
        }
        StreamingOutput body = out -> {
            try {
                logs.follow(tenant, app, lines, out);
            } finally {
                followers.decrementAndGet();
            }
        };
        return Response.ok(body, MediaType.SERVER_SENT_EVENTS).header("Cache-Control", "no-store")
                .header("X-Accel-Buffering", "no").build();
    }

    private int tail(String value) {
        if (value == null || value.isBlank()) {
            return config.logs().defaultTail();
        }
        try {
            int lines = Integer.parseInt(value.trim());
            if (lines >= 0 && lines <= config.logs().maxTail()) {
                return lines;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.unprocessable("tail must be a whole number from 0 to " + config.logs().maxTail()
                + " (lines from the end of the log), not '" + value + "'");
    }

    private static boolean following(String value) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.unprocessable("follow must be true or false, not '" + value + "'");
    }
}
