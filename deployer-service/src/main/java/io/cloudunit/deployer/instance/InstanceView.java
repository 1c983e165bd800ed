package io.cloudunit.deployer.instance;

import java.time.OffsetDateTime;

/** One instance as the API shows it. */
public record InstanceView(String instance, int version, String state, String address, boolean healthy,
        OffsetDateTime startedAt) {

    public static InstanceView of(Instance i) {
        return new InstanceView(i.name, i.version, i.state, i.address, i.healthy, i.startedAt);
    }
}
