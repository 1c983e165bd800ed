package io.cloudunit.build.build;

import java.io.InputStream;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cloudunit.build.app.AppDirectory;
import io.cloudunit.build.worker.BuildCancels;
import io.cloudunit.build.worker.OnVertx;
import io.cloudunit.platform.api.RequiredRole;
import io.cloudunit.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/v1/tenants/{tenant}/apps/{app}/builds")
@Tag(name = "builds", description = "Artifacts turned into images")
public class BuildResource {
    static final String JAR = "application/java-archive";
    static final String ZIP = "application/zip";
    static final String TAR = "application/x-tar";
    static final String GZIP = "application/gzip";
    private static final int MAX_LIST = 1000;

    private final BuildUploads uploads;
    private final BuildService builds;
    private final AppDirectory apps;
    private final BuildCancels cancels;
    private final LogStream logs;
    private final SecurityIdentity identity;

    public BuildResource(BuildUploads uploads, BuildService builds, AppDirectory apps, BuildCancels cancels,
            LogStream logs, SecurityIdentity identity) {
        this.uploads = uploads;
        this.builds = builds;
        this.apps = apps;
        this.cancels = cancels;
        this.logs = logs;
        this.identity = identity;
    }

    @POST
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.DEVELOPER)
    @Blocking
    @Consumes({ JAR, MediaType.APPLICATION_OCTET_STREAM, ZIP, TAR, GZIP, MediaType.APPLICATION_JSON })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload an artifact and queue its build",
            description = "The body is the artifact itself, checked for the app's stack before it is stored: java, a "
                    + "runnable JAR; tomcat, a WAR; static, a zip with index.html; dockerfile, a tar (or tar.gz) of a "
                    + "context with a Dockerfile at its root; image, {\"image\": \"<reference>\"} (application/json) "
                    + "naming an image already on the engine. Answers 202 at once; poll the build or wait for "
                    + "io.cloudunit.build.succeeded.")
    @RequestBody(content = {
            @Content(mediaType = JAR, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = TAR, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = GZIP, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    description = "stack image: {\"image\": \"<name:tag>\"}")) })
    @APIResponse(responseCode = "202", description = "queued")
    @APIResponse(responseCode = "413", description = "the artifact is larger than the tenant's plan allows "
            + "(maxArtifactMb) or than the service accepts")
    @APIResponse(responseCode = "422", description = "the artifact cannot be built for the app's stack")
    public Response upload(@PathParam("tenant") String tenant, @PathParam("app") String app,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, @Context HttpServerRequest request,
            InputStream body) {
        Build build;
        try {
            build = uploads.accept(tenant, app, authorization, contentLength, body);
        } catch (ProblemException e) {
            if (e.status() == Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode()) {
                closeAfterAnswer(request);
            }
            throw e;
        }
        return Response.accepted(BuildViews.Queued.of(build))
                .header(HttpHeaders.LOCATION, "/api/v1/tenants/" + tenant + "/apps/" + app + "/builds/" + build.id())
                .build();
    }

    /**
     * The rest of a refused body is never read: the connection closes after the 413 rather than wait for it, as
     * Vert.x does for its own body limit.
     */
    private static void closeAfterAnswer(HttpServerRequest request) {
        request.response().putHeader("Connection", "close");
        request.response().endHandler(ended -> request.connection().close());
    }

    @GET
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.VIEWER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The app's builds, newest first")
    public Uni<List<BuildViews.Detail>> list(@PathParam("tenant") String tenant, @PathParam("app") String app,
            @QueryParam("limit") @DefaultValue("100") int limit,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return apps.find(tenant, app, authorization)
                .chain(found -> builds.list(tenant, app, Math.max(1, Math.min(limit, MAX_LIST))))
                .map(list -> list.stream().map(BuildViews.Detail::of).toList());
    }

    @GET
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.VIEWER)
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One build")
    public Uni<BuildViews.Detail> get(@PathParam("tenant") String tenant, @PathParam("app") String app,
            @PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return apps.find(tenant, app, authorization)
                .chain(found -> builds.get(tenant, app, id))
                .map(BuildViews.Detail::of);
    }

    @GET
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.VIEWER)
    @Path("{id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The build's output so far",
            description = "text/plain: the lines stored so far. With Accept: text/event-stream, the same route streams "
                    + "the log as Server-Sent Events: every stored line (event line, id = its number from 1), then each "
                    + "new one while the build runs, then an event end whose data is the final status. Last-Event-ID "
                    + "resumes after that line.")
    public Uni<String> log(@PathParam("tenant") String tenant, @PathParam("app") String app,
            @PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return apps.find(tenant, app, authorization)
                .chain(found -> builds.log(tenant, app, id))
                .map(lines -> lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
    }

    /**
     * Checked before the stream opens (a 404 after the SSE headers went out could not be told). A lower server
     * quality than the text: a caller accepting anything ({@code curl}'s {@code *}{@code /*}) gets the text.
     */
    @GET
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.VIEWER)
    @Path("{id}/log")
    @Produces(MediaType.SERVER_SENT_EVENTS + ";qs=0.5")
    @Blocking
    @Operation(hidden = true)
    public Multi<OutboundSseEvent> followLog(@PathParam("tenant") String tenant, @PathParam("app") String app,
            @PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        int after = lineNumber(lastEventId);
        Build build = OnVertx.await(() -> apps.find(tenant, app, authorization).chain(found -> builds.get(tenant, app, id)));
        return logs.follow(build.id(), after, sse);
    }

    @POST
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.DEVELOPER)
    @Path("{id}/cancel")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a queued or running build",
            description = "A queued build is canceled at once; a running one is stopped on the engine (its container "
                    + "and step images removed) and canceled with the reason 'canceled by <user>'. Answers 200 with the "
                    + "build, already canceled (io.cloudunit.build.canceled follows), or 409 when it had ended.")
    @APIResponse(responseCode = "200", description = "canceled")
    @APIResponse(responseCode = "409", description = "the build already ended")
    public BuildViews.Detail cancel(@PathParam("tenant") String tenant, @PathParam("app") String app,
            @PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        OnVertx.await(() -> apps.find(tenant, app, authorization));
        return BuildViews.Detail.of(cancels.cancel(tenant, app, id, identity.getPrincipal().getName()));
    }

    private static int lineNumber(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(lastEventId.trim()));
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("Last-Event-ID must be the number of the last log line received, not '"
                    + lastEventId + "'");
        }
    }
}
