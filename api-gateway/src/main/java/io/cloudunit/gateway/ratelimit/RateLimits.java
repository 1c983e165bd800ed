package io.cloudunit.gateway.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.gateway.GatewayConfig;
import io.quarkus.scheduler.Scheduled;

/**
 * The gateway's two limits, in the memory of this one instance: per caller (every authenticated call) and per
 * tenant (every call its members were allowed to make on its paths).
 */
@ApplicationScoped
public class RateLimits {
    private final RateLimiter perCaller;
    private final RateLimiter perTenant;

    public RateLimits(GatewayConfig config) {
        GatewayConfig.RateLimit limits = config.rateLimit();
        this.perCaller = new RateLimiter(limits.perCaller(), limits.perCallerBurst(), System::nanoTime);
        this.perTenant = new RateLimiter(limits.perTenant(), limits.perTenantBurst(), System::nanoTime);
    }

    public RateLimiter perCaller() {
        return perCaller;
    }

    public RateLimiter perTenant() {
        return perTenant;
    }

    @Scheduled(every = "30s", delayed = "30s")
    void evictIdle() {
        perCaller.evictIdle();
        perTenant.evictIdle();
    }
}
