package io.cloudunit.deployer.runtime;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * One lock per app: a rollout and a reconciler pass never act on the same app's containers at once (the
 * reconciler would otherwise see a half-finished rollout as drift).
 */
@ApplicationScoped
public class AppLocks extends KeyedLocks {
}
