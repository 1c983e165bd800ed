package io.cloudunit.build.build;

import io.cloudunit.platform.events.BuildEvent;

/** The build.* event announcing each transition of a build. */
final class BuildEvents {
    private BuildEvents() {
    }

    static BuildEvent.Queued queued(Build b) {
        return new BuildEvent.Queued(b.tenant(), b.app(), b.id(), b.number(), b.stack(), b.artifactSha256());
    }

    static BuildEvent.Started started(Build b) {
        return new BuildEvent.Started(b.tenant(), b.app(), b.id(), b.number());
    }

    /** No registry here: the image id doubles as the digest. */
    static BuildEvent.Succeeded succeeded(Build b) {
        return new BuildEvent.Succeeded(b.tenant(), b.app(), b.id(), b.number(), b.image(), b.imageId(), b.imageId());
    }

    static BuildEvent.Failed failed(Build b) {
        return new BuildEvent.Failed(b.tenant(), b.app(), b.id(), b.number(), b.reason());
    }

    static BuildEvent.Canceled canceled(Build b) {
        return new BuildEvent.Canceled(b.tenant(), b.app(), b.id(), b.number());
    }
}
