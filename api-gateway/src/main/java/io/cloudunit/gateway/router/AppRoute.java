package io.cloudunit.gateway.router;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.net.SocketAddress;

/** Where one app is served: its healthy instances, taken in turn, and the app's state as the deployer says it. */
public final class AppRoute {
    /** The deployer's word on the app (ADR 0025): shown when no instance serves. */
    public enum State {
        RUNNING, STOPPED, CRASHED;

        static State of(String value) {
            return "stopped".equals(value) ? STOPPED : "crashed".equals(value) ? CRASHED : RUNNING;
        }
    }

    private final String tenant;
    private final String app;
    private final Map<String, SocketAddress> healthy = new LinkedHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();
    private volatile List<SocketAddress> endpoints = List.of();
    private volatile State state = State.RUNNING;

    AppRoute(String tenant, String app) {
        this.tenant = tenant;
        this.app = app;
    }

    public String tenant() {
        return tenant;
    }

    public String app() {
        return app;
    }

    public State state() {
        return state;
    }

    void state(State state) {
        this.state = state;
    }

    synchronized void serving(String instance, SocketAddress address) {
        healthy.put(instance, address);
        endpoints = List.copyOf(healthy.values());
    }

    synchronized void gone(String instance) {
        healthy.remove(instance);
        endpoints = List.copyOf(healthy.values());
    }

    /** The healthy instances, starting with the one whose turn it is (round robin); empty when none. */
    public List<SocketAddress> rotation() {
        List<SocketAddress> current = endpoints;
        if (current.isEmpty()) {
            return current;
        }
        int first = Math.floorMod(turn.getAndIncrement(), current.size());
        List<SocketAddress> ordered = new ArrayList<>(current.size());
        for (int i = 0; i < current.size(); i++) {
            ordered.add(current.get((first + i) % current.size()));
        }
        return ordered;
    }
}
