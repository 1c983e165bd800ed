package io.cloudunit.deployer.runtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * One lock per app: a rollout and a reconciler pass never act on the same app's containers at once (the
 * reconciler would otherwise see a half-finished rollout as drift).
 */
@ApplicationScoped
public class AppLocks {
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public void run(String appKey, Runnable action) {
        ReentrantLock lock = lockOf(appKey);
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /** Runs the action unless another thread holds the app; answers whether it ran. */
    public boolean tryRun(String appKey, Runnable action) {
        ReentrantLock lock = lockOf(appKey);
        if (!lock.tryLock()) {
            return false;
        }
        try {
            action.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private ReentrantLock lockOf(String appKey) {
        return locks.computeIfAbsent(appKey, k -> new ReentrantLock());
    }
}
