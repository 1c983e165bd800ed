package io.cloudunit.deployer.runtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** One lock per key (an app, a tenant), made on first use and kept. */
public class KeyedLocks {
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public void run(String key, Runnable action) {
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /** Runs the action unless another thread holds the key; answers whether it ran. */
    public boolean tryRun(String key, Runnable action) {
        ReentrantLock lock = lockOf(key);
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

    public ReentrantLock lockOf(String key) {
        return locks.computeIfAbsent(key, k -> new ReentrantLock());
    }
}
