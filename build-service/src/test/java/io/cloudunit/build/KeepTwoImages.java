package io.cloudunit.build;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Image retention keeps the images of each app's last 2 successful builds; the timer waits for the test. */
public class KeepTwoImages implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("cloudunit.build.keep-images", "2", "cloudunit.build.image-retention-interval", "1h");
    }
}
