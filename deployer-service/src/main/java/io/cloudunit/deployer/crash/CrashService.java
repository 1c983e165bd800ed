package io.cloudunit.deployer.crash;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.app.AppSpec;
import io.cloudunit.deployer.app.AppSpecRepository;
import io.cloudunit.deployer.instance.InstanceRepository;
import io.cloudunit.deployer.instance.InstanceService;
import io.cloudunit.deployer.release.ReleaseRepository;
import io.cloudunit.platform.events.AppStateEvent;
import io.cloudunit.platform.events.InstanceEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Records one exit in one transaction (ADR 0025): the exit row (once: a second sighting changes nothing), the
 * instance row gone with {@code instance.crashed} or {@code instance.oom-killed}, and, when the serving release has
 * now crashed {@code max-crashes} times within the window, the app marked crashed with {@code app.crashed}.
 */
@ApplicationScoped
public class CrashService {
    private static final String INSERT = """
            insert into instance_crash (container_id, exited_at, tenant, app, instance, version, exit_code, oom_killed,
                                        engine_stop)
            values (:id, :exitedAt, :tenant, :app, :instance, :version, :exitCode, :oom, :engineStop)
            on conflict do nothing""";
    private static final String COUNT = """
            select count(*) from instance_crash
            where tenant = :tenant and app = :app and version = :version and not engine_stop
              and recorded_at > :since""";

    private final AppSpecRepository specs;
    private final ReleaseRepository releases;
    private final InstanceRepository instances;
    private final InstanceService instanceEvents;
    private final Outbox outbox;
    private final DeployerConfig config;

    public CrashService(AppSpecRepository specs, ReleaseRepository releases, InstanceRepository instances,
            InstanceService instanceEvents, Outbox outbox, DeployerConfig config) {
        this.specs = specs;
        this.releases = releases;
        this.instances = instances;
        this.instanceEvents = instanceEvents;
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * @param recorded  a new exit (not seen before)
     * @param crashes   crashes of the serving release counted towards the limit (0 when the exit is not of it)
     * @param crashed   the app is crashed (now or already): nothing relaunches it
     * @param crashedNow this exit made it crashed
     */
    public record Outcome(boolean recorded, long crashes, boolean crashed, boolean crashedNow) {
        static final Outcome SEEN_BEFORE = new Outcome(false, 0, false, false);
    }

    @WithTransaction
    public Uni<Outcome> record(Exit exit, List<String> lastLines) {
        return insert(exit, false).chain(inserted -> inserted == 0 ? Uni.createFrom().item(Outcome.SEEN_BEFORE)
                : announce(exit).chain(() -> judge(exit, lastLines)));
    }

    /**
     * An exit the engine's shutdown caused: recorded (never counted) and announced {@code instance.stopped}.
     * Answers whether it was new.
     */
    @WithTransaction
    public Uni<Boolean> recordEngineStop(Exit exit) {
        return insert(exit, true).chain(inserted -> inserted == 0 ? Uni.createFrom().item(false)
                : instanceEvents.stopped(exit.tenant(), exit.app(),
                        List.of(new InstanceService.Stopped(exit.instance(), exit.version()))).replaceWith(true));
    }

    private Uni<Integer> insert(Exit exit, boolean engineStop) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter("id", exit.containerId())
                .setParameter("exitedAt", exit.exitedAt())
                .setParameter("tenant", exit.tenant())
                .setParameter("app", exit.app())
                .setParameter("instance", exit.instance())
                .setParameter("version", exit.version())
                .setParameter("exitCode", exit.exitCode())
                .setParameter("oom", exit.oomKilled())
                .setParameter("engineStop", engineStop)
                .executeUpdate());
    }

    /** The router and the usage count learn that the instance no longer serves. */
    private Uni<Void> announce(Exit exit) {
        InstanceEvent event = exit.oomKilled()
                ? new InstanceEvent.OomKilled(exit.tenant(), exit.app(), exit.instance(), exit.version())
                : new InstanceEvent.Crashed(exit.tenant(), exit.app(), exit.instance(), exit.version(),
                        exit.exitCode());
        return instances.deleteById(exit.instance()).chain(() -> outbox.publish(event)).replaceWithVoid();
    }

    private Uni<Outcome> judge(Exit exit, List<String> lastLines) {
        return specs.find(exit.tenant(), exit.app()).chain(spec -> {
            if (spec == null || spec.deleted || spec.stopped) {
                return Uni.createFrom().item(new Outcome(true, 0, false, false));
            }
            return releases.servingOf(exit.tenant(), exit.app()).chain(serving -> {
                if (serving == null || serving.version != exit.version() || serving.version < spec.firstVersion) {
                    return Uni.createFrom().item(new Outcome(true, 0, false, false)); // a release rolling out
                }
                if (spec.crashedIn(exit.version())) {
                    return Uni.createFrom().item(new Outcome(true, 0, true, false));
                }
                return count(spec, exit.version()).chain(crashes -> crashes < config.crash().maxCrashes()
                        ? Uni.createFrom().item(new Outcome(true, crashes, false, false))
                        : markCrashed(spec, exit, crashes, lastLines));
            });
        });
    }

    private Uni<Long> count(AppSpec spec, int version) {
        return Panache.getSession().chain(session -> session.createNativeQuery(COUNT, Long.class)
                .setParameter("tenant", spec.tenant)
                .setParameter("app", spec.app)
                .setParameter("version", version)
                .setParameter("since", since(spec))
                .getSingleResult());
    }

    /** The window, or the last start or restart when that is more recent. */
    private OffsetDateTime since(AppSpec spec) {
        OffsetDateTime windowStart = OffsetDateTime.now().minus(config.crash().window());
        return spec.crashesCountedFrom != null && spec.crashesCountedFrom.isAfter(windowStart)
                ? spec.crashesCountedFrom : windowStart;
    }

    private Uni<Outcome> markCrashed(AppSpec spec, Exit exit, long crashes, List<String> lastLines) {
        String reason = CrashReasons.of(exit, spec.memoryMb, crashes, config.crash().window(), lastLines);
        spec.markCrashed(exit.version(), reason);
        return outbox.publish(new AppStateEvent.Crashed(exit.tenant(), exit.app(), exit.version(), reason))
                .replaceWith(new Outcome(true, crashes, true, true));
    }
}
