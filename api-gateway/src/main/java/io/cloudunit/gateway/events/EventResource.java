package io.cloudunit.gateway.events;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.cloudunit.gateway.GatewayConfig;
import io.cloudunit.gateway.access.AccessHandler;
import io.cloudunit.platform.api.RequiredRole;
import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** A tenant's platform events: live over SSE (resumable), or the recent history as JSON. */
@Path("/api/v1/tenants/{tenant}/events")
@Tag(name = "events", description = "The platform's CloudEvents of one tenant")
@Authenticated
public class EventResource {
    private final TenantEventStream stream;
    private final EventLogService log;
    private final GatewayConfig config;

    public EventResource(TenantEventStream stream, EventLogService log, GatewayConfig config) {
        this.stream = stream;
        this.log = log;
        this.config = config;
    }

    @GET
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.VIEWER)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Stream the tenant's events (viewer)", description = "Replays the stored events after "
            + "Last-Event-ID (or ?after), or the last ?replay ones, then streams live events. Each message has "
            + "id = CloudEvent id, event = CloudEvent type, data = the CloudEvent in structured JSON.")
    public Multi<OutboundSseEvent> subscribe(@RestPath String tenant,
            @Parameter(description = "id of the last event received") @RestHeader("Last-Event-ID") String lastEventId,
            @Parameter(description = "same as Last-Event-ID") @RestQuery String after,
            @Parameter(description = "events replayed without Last-Event-ID (default 100)") @RestQuery String replay,
            @Context Sse sse, RoutingContext ctx) {
        requireGranted(ctx, tenant);
        Optional<UUID> from = eventId(lastEventId != null && !lastEventId.isBlank() ? lastEventId : after);
        int latest = bounded("replay", replay, config.replayDefault(), 0);
        Multi<OutboundSseEvent> events = stream.open(tenant, from, latest).map(event -> message(sse, event));
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks()
                .startingAfter(config.sseHeartbeat()).every(config.sseHeartbeat())
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().item(sse.newEventBuilder().comment("connected").build()),
                Multi.createBy().merging().streams(events, heartbeats));
    }

    @GET
    @Path("history")
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.VIEWER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's most recent events, oldest first (viewer)")
    public Uni<List<StructuredEvent>> history(@RestPath String tenant,
            @Parameter(description = "how many (1 to cloudunit.gateway.replay-max, default 100)") @RestQuery String limit,
            RoutingContext ctx) {
        requireGranted(ctx, tenant);
        int count = bounded("limit", limit, 100, 1);
        return log.latest(tenant, count).map(events -> events.stream().map(StructuredEvent::of).toList());
    }

    private static OutboundSseEvent message(Sse sse, CloudEvent event) {
        return sse.newEventBuilder()
                .id(event.id().toString())
                .name(event.type())
                .data(String.class, StructuredEvent.of(event).toJson())
                .build();
    }

    /** Defence in depth: only the gateway's access check, which ran before, grants a tenant. */
    private static void requireGranted(RoutingContext ctx, String tenant) {
        if (ctx == null || !tenant.equals(ctx.get(AccessHandler.GRANTED_TENANT))) {
            throw ProblemException.notFound("tenant '" + tenant + "' not found");
        }
    }

    private static Optional<UUID> eventId(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id.trim()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("'" + id + "' is not an event id: pass the id (a UUID) of the last "
                    + "event you received in Last-Event-ID or ?after");
        }
    }

    private int bounded(String name, String given, int fallback, int min) {
        int max = config.replayMax();
        if (given == null || given.isBlank()) {
            return Math.min(fallback, max);
        }
        try {
            int value = Integer.parseInt(given.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw ProblemException.badRequest(name + " must be a whole number from " + min + " to " + max
                + ", not '" + given + "'");
    }
}
