package io.cloudunit.tenant.config;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ConfigVarRepository implements PanacheRepository<ConfigVar> {
    private static final String APP = "select id from apps where tenant = :tenant and name = :app";
    // Writers of one app's config take turns on its row: the quota count and the diff against the current
    // vars stay true until commit, and a concurrent delete of the app waits (or wins, and we answer 404).
    private static final String LOCK_APP = APP + " for no key update";

    public Uni<Boolean> appExists(String tenant, String app) {
        return appIds(APP, tenant, app).map(ids -> !ids.isEmpty());
    }

    /** Locks the app's row until the end of the transaction; false when there is no such app. */
    public Uni<Boolean> lockApp(String tenant, String app) {
        return appIds(LOCK_APP, tenant, app).map(ids -> !ids.isEmpty());
    }

    public Uni<List<ConfigVar>> ofApp(String tenant, String app) {
        return list("tenant = ?1 and app = ?2", Sort.by("name"), tenant, app);
    }

    /** The next rows (by id, after {@code afterId}) still sealed with one of {@code keyIds}, locked for rewriting. */
    public Uni<List<ConfigVar>> sealedWith(Collection<String> keyIds, long afterId, int limit) {
        return find("keyId in ?1 and id > ?2", Sort.by("id"), keyIds, afterId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .page(0, limit)
                .list();
    }

    /** How many rows are sealed with a key that is not in {@code keyIds} (unreadable until it is configured). */
    public Uni<Long> countSealedWithOtherThan(Collection<String> keyIds) {
        return count("keyId not in ?1", keyIds);
    }

    private Uni<List<Long>> appIds(String sql, String tenant, String app) {
        return getSession().chain(session -> session.createNativeQuery(sql, Long.class)
                .setParameter("tenant", tenant)
                .setParameter("app", app)
                .getResultList());
    }
}
