package io.cloudunit.gateway.router;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vertx.core.net.SocketAddress;

/** The router's in-memory table: app label ({@code <app>-<tenant>}) → its healthy instances. */
@ApplicationScoped
public class RouteTable {
    private static final Logger LOG = Logger.getLogger(RouteTable.class);

    /** One instance as the deployer's snapshot lists it. */
    public record Instance(String instance, int version, String address, boolean healthy) {
    }

    /** One app as the deployer's snapshot lists it; {@code state}: running, stopped or crashed. */
    public record AppInstances(String tenant, String app, List<Instance> instances, String state) {

        public AppInstances(String tenant, String app, List<Instance> instances) {
            this(tenant, app, instances, "running");
        }
    }

    private final Map<String, AppRoute> routes = new ConcurrentHashMap<>();
    /**
     * Tenants suspended since this gateway started (from tenant.suspended): their apps get the suspended page
     * at once, before the deployer has stopped their instances. Memory only; after a restart such an app has no
     * instance left and gets the generic 503.
     */
    private final Set<String> suspended = ConcurrentHashMap.newKeySet();

    public static String label(String tenant, String app) {
        return (app + "-" + tenant).toLowerCase(Locale.ROOT);
    }

    public Optional<AppRoute> find(String label) {
        return Optional.ofNullable(routes.get(label));
    }

    /** Takes the snapshot's view of these apps, replacing what the table knew of them. */
    public void load(List<AppInstances> snapshot) {
        for (AppInstances app : snapshot) {
            AppRoute route = new AppRoute(app.tenant(), app.app());
            route.state(AppRoute.State.of(app.state()));
            for (Instance instance : app.instances()) {
                if (instance.healthy()) {
                    address(instance.address()).ifPresent(address -> route.serving(instance.instance(), address));
                }
            }
            routes.put(label(app.tenant(), app.app()), route);
        }
    }

    public void serving(String tenant, String app, String instance, String address) {
        Optional<SocketAddress> parsed = address(address);
        AppRoute route = known(tenant, app);
        if (parsed.isPresent()) {
            route.state(AppRoute.State.RUNNING); // a healthy instance: a deploy or a start brought the app back
            route.serving(instance, parsed.get());
        } else {
            route.gone(instance);
        }
    }

    /** The instance no longer serves (stopped, crashed, killed or unhealthy); the app stays known (503). */
    public void notServing(String tenant, String app, String instance) {
        known(tenant, app).gone(instance);
    }

    /** The app was stopped, started or crashed (app.* events of the deployer). */
    public void appState(String tenant, String app, AppRoute.State state) {
        known(tenant, app).state(state);
    }

    public void appDeleted(String tenant, String app) {
        routes.remove(label(tenant, app));
    }

    public void tenantDeleted(String tenant) {
        suspended.remove(tenant);
        routes.values().removeIf(route -> route.tenant().equals(tenant));
    }

    public void tenantSuspended(String tenant) {
        suspended.add(tenant);
    }

    public void tenantReinstated(String tenant) {
        suspended.remove(tenant);
    }

    public boolean isSuspended(String tenant) {
        return suspended.contains(tenant);
    }

    public int size() {
        return routes.size();
    }

    private AppRoute known(String tenant, String app) {
        return routes.computeIfAbsent(label(tenant, app), label -> new AppRoute(tenant, app));
    }

    /** {@code host:port} (or {@code [v6]:port}) as instance events and the snapshot carry it. */
    static Optional<SocketAddress> address(String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon <= 0) {
            LOG.warnf("ignoring instance address '%s': expected host:port", address);
            return Optional.empty();
        }
        try {
            String host = address.substring(0, colon).replace("[", "").replace("]", "");
            return Optional.of(SocketAddress.inetSocketAddress(Integer.parseInt(address.substring(colon + 1)), host));
        } catch (IllegalArgumentException e) {
            LOG.warnf("ignoring instance address '%s': %s", address, e.getMessage());
            return Optional.empty();
        }
    }
}
