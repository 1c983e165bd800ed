package io.cloudunit.build.build;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.cloudunit.build.BuildConfig;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class BuildRepository implements PanacheRepositoryBase<Build, UUID> {

    /**
     * The next queued build to run, locked for the caller's transaction (ADR 0018). Never a build of a tenant that
     * already runs as many builds as its plan allows (RUNNING rows, whichever instance runs them; a tenant no
     * quota.changed told about has the default plan's, written in as a number), of a tenant being deleted, nor of a
     * suspended one (it waits for the reinstatement). Fairness: tenants with fewer running builds first, then
     * round robin (the tenant whose latest build started longest ago, or never, first), so that one tenant's burst
     * delays another tenant's build by one build slot at most; within a tenant, oldest first. Only the id: the test
     * database is shared by branches whose migrations add columns, which {@code b.*} would hand to an entity that
     * does not know them.
     */
    private static final String NEXT_QUEUED_WITH_DEFAULT_CAP = """
            select b.id::text from build b where b.status = 'QUEUED'
              and not exists (select 1 from tenant_purge p where p.tenant = b.tenant)
              and not exists (select 1 from tenant_suspension s where s.tenant = b.tenant)
              and (select count(*) from build r where r.tenant = b.tenant and r.status = 'RUNNING')
                  < coalesce((select l.max_concurrent_builds from tenant_build_limits l where l.tenant = b.tenant),
                             %d)
            order by (select count(*) from build r where r.tenant = b.tenant and r.status = 'RUNNING'),
                     (select max(s.started_at) from build s where s.tenant = b.tenant) nulls first,
                     b.created_at, b.number
            limit 1 for update of b skip locked""";

    /**
     * The key of the lock that serialises claims across instances until the claiming transaction ends: the RUNNING
     * rows the next claim counts then include every earlier claim, so two instances cannot both take a tenant's last
     * free build slot.
     */
    private static final String CLAIMS = "build-service:claim";

    private static final String ARTIFACTS_ONLY_OF = """
            select distinct b.artifact_sha256 from build b where b.tenant = :tenant
              and not exists (select 1 from build o where o.artifact_sha256 = b.artifact_sha256
                              and o.tenant <> :tenant)""";

    /**
     * A lock for the rest of the transaction: per app, it serialises numbering (concurrent uploads of one app get
     * consecutive numbers); under {@link #CLAIMS}, the claims.
     */
    private static final String LOCK = "select 1 from (select pg_advisory_xact_lock(hashtext(:key))) locked";

    private final String nextQueued;

    public BuildRepository(BuildConfig config) {
        this.nextQueued = NEXT_QUEUED_WITH_DEFAULT_CAP.formatted(config.defaultPlan().maxConcurrentBuilds());
    }

    public Uni<List<Build>> listOfApp(String tenant, String app, int limit) {
        return find("tenant = ?1 and app = ?2", Sort.descending("number"), tenant, app).page(0, limit).list();
    }

    public Uni<Optional<Build>> findOfApp(String tenant, String app, UUID id) {
        return find("id = ?1 and tenant = ?2 and app = ?3", id, tenant, app).firstResult()
                .map(Optional::ofNullable);
    }

    public Uni<Optional<Build>> lockOfApp(String tenant, String app, UUID id) {
        return find("id = ?1 and tenant = ?2 and app = ?3", id, tenant, app)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult().map(Optional::ofNullable);
    }

    public Uni<Long> nextNumber(String tenant, String app) {
        return getSession()
                .chain(session -> session.createNativeQuery(LOCK, Integer.class)
                        .setParameter("key", tenant + "/" + app)
                        .getSingleResult()
                        .chain(locked -> session.createSelectionQuery(
                                "select coalesce(max(number), 0) + 1 from Build where tenant = :tenant and app = :app",
                                Long.class)
                                .setParameter("tenant", tenant)
                                .setParameter("app", app)
                                .getSingleResult()));
    }

    /** Must run in a transaction, which then holds the claim lock until it ends. */
    public Uni<Build> claimNextQueued() {
        return getSession().chain(session -> session.createNativeQuery(LOCK, Integer.class)
                .setParameter("key", CLAIMS)
                .getSingleResult()
                .chain(locked -> session.createNativeQuery(nextQueued, String.class).getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().nullItem() : findById(UUID.fromString(ids.get(0)))));
    }

    public Uni<List<Build>> lockQueued(String tenant, String app) {
        return find("tenant = ?1 and app = ?2 and status = ?3", Sort.by("number"), tenant, app, BuildStatus.QUEUED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<List<Build>> lockQueuedOfTenant(String tenant) {
        return find("tenant = ?1 and status = ?2", Sort.by("app").and("number"), tenant, BuildStatus.QUEUED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Queued and running builds of the tenant, locked. */
    public Uni<List<Build>> lockActiveOfTenant(String tenant) {
        return find("tenant = ?1 and status in ?2", Sort.by("app").and("number"), tenant,
                List.of(BuildStatus.QUEUED, BuildStatus.RUNNING)).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<List<UUID>> idsOfTenant(String tenant) {
        return list("tenant", tenant).map(all -> all.stream().map(Build::id).toList());
    }

    public Uni<List<String>> artifactsOnlyOf(String tenant) {
        return getSession().chain(session -> session.createNativeQuery(ARTIFACTS_ONLY_OF, String.class)
                .setParameter("tenant", tenant)
                .getResultList());
    }

    public Uni<List<Build>> findByIds(Collection<UUID> ids) {
        return list("id in ?1", ids);
    }

    public Uni<List<Build>> lockRunning() {
        return find("status", BuildStatus.RUNNING).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<Build> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
