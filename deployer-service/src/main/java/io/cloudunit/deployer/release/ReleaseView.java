package io.cloudunit.deployer.release;

import java.time.OffsetDateTime;
import java.util.UUID;

public record ReleaseView(int version, UUID buildId, String image, String reason, OffsetDateTime createdAt) {

    static ReleaseView of(Release r) {
        return new ReleaseView(r.version, r.buildId, r.image, r.reason, r.createdAt);
    }
}
