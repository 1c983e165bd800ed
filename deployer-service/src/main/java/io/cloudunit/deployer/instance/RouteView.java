package io.cloudunit.deployer.instance;

import java.util.List;

/**
 * The router's view of one app: where its serving instances are, and its state ({@code running}, {@code stopped},
 * {@code crashed}: the router answers a page of its own for the last two, ADR 0025).
 */
public record RouteView(String tenant, String app, List<Target> instances, String state) {

    public RouteView(String tenant, String app, List<Target> instances) {
        this(tenant, app, instances, "running");
    }

    public record Target(String instance, int version, String address, boolean healthy) {
    }
}
