package io.cloudunit.gateway.ratelimit;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.gateway.Caller;
import io.cloudunit.gateway.HttpProblems;
import io.cloudunit.gateway.access.AccessHandler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses calls over the limits with 429 before anything is forwarded. The caller's limit runs before
 * authorization, so a flood of refused calls costs its sender and spares tenant-service's /me; the tenant's
 * runs after it, so only the tenant's members, never a stranger probing its name, spend its budget.
 */
@ApplicationScoped
public class RateLimitHandler {
    private final RateLimits limits;

    public RateLimitHandler(RateLimits limits) {
        this.limits = limits;
    }

    /** Every authenticated call; an anonymous one goes on to be refused by {@link AccessHandler}. */
    public void perCaller(RoutingContext ctx) {
        Caller.of(ctx).ifPresentOrElse(caller -> {
            RateLimiter limiter = limits.perCaller();
            Duration wait = limiter.take(caller.id());
            if (wait.isZero()) {
                ctx.next();
            } else {
                tooMany(ctx, wait, "you made more than " + rate(limiter) + " calls per second (" + limiter.burst()
                        + " at once), the limit of each caller");
            }
        }, ctx::next);
    }

    /** Calls granted on a tenant's paths; calls outside any tenant count for their caller only. */
    public void perTenant(RoutingContext ctx) {
        String tenant = ctx.get(AccessHandler.GRANTED_TENANT);
        if (tenant == null) {
            ctx.next();
            return;
        }
        RateLimiter limiter = limits.perTenant();
        Duration wait = limiter.take(tenant);
        if (wait.isZero()) {
            ctx.next();
        } else {
            tooMany(ctx, wait, "tenant '" + tenant + "' received more than " + rate(limiter)
                    + " calls per second (" + limiter.burst() + " at once) from its members, the limit of each tenant");
        }
    }

    private static void tooMany(RoutingContext ctx, Duration wait, String limit) {
        long seconds = retryAfterSeconds(wait);
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        HttpProblems.send(ctx.response(), 429, "rate limit exceeded: " + limit + "; retry in " + seconds + " s");
    }

    /** Retry-After is whole seconds: rounded up, so a caller who waits that long finds a token. */
    static long retryAfterSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private static String rate(RateLimiter limiter) {
        double rate = limiter.perSecond();
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }
}
