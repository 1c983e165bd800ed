package io.cloudunit.deployer.instance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/**
 * The route snapshot the router loads when it starts; instance.* events keep it current afterwards.
 * Internal: the service binds 127.0.0.1 and the gateway does not expose /internal.
 */
@Path("/internal/routes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class RouteResource {
    private final InstanceService instances;

    public RouteResource(InstanceService instances) {
        this.instances = instances;
    }

    @GET
    @Operation(summary = "Every app's serving instances, for the router")
    public Uni<List<RouteView>> routes() {
        return instances.serving().map(RouteResource::group);
    }

    static List<RouteView> group(List<Instance> serving) {
        Map<String, RouteView> byApp = new LinkedHashMap<>();
        for (Instance i : serving) {
            byApp.computeIfAbsent(i.tenant + "/" + i.app, k -> new RouteView(i.tenant, i.app, new java.util.ArrayList<>()))
                    .instances().add(new RouteView.Target(i.name, i.version, i.address, i.healthy));
        }
        return List.copyOf(byApp.values());
    }
}
