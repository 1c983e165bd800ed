package io.cloudunit.deployer.instance;

import java.util.List;

/** The router's view of one app: where its serving instances are. */
public record RouteView(String tenant, String app, List<Target> instances) {

    public record Target(String instance, int version, String address, boolean healthy) {
    }
}
