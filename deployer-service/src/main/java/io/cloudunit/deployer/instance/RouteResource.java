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

import io.cloudunit.deployer.crash.AppStates;
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
    private final AppStates states;

    public RouteResource(InstanceService instances, AppStates states) {
        this.instances = instances;
        this.states = states;
    }

    @GET
    @Operation(summary = "Every app's serving instances, and the apps stopped or crashed, for the router")
    public Uni<List<RouteView>> routes() {
        return instances.serving().chain(serving -> states.unavailable().map(unavailable -> {
            Map<String, RouteView> byApp = new LinkedHashMap<>();
            group(serving).forEach(view -> byApp.put(view.tenant() + "/" + view.app(), view));
            for (AppStates.Unavailable app : unavailable) {
                RouteView known = byApp.get(app.tenant() + "/" + app.app());
                byApp.put(app.tenant() + "/" + app.app(), new RouteView(app.tenant(), app.app(),
                        known == null ? List.of() : known.instances(), app.state()));
            }
            return List.copyOf(byApp.values());
        }));
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
