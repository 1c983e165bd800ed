package io.cloudunit.build;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** No build ever starts: queued builds stay queued, for what happens to queued builds. */
public class NoBuildSlots implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("cloudunit.build.max-concurrent", "0");
    }
}
