package io.cloudunit.gateway.audit;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** The append-only audit log: inserts and reads, nothing else. */
@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditRecord, Long> {
    private static final String APPEND = """
            insert into audit_log (time, tenant, actor_id, actor_username, action, target, status, outcome, request_id)
            values (:time, :tenant, :actorId, :actorUsername, :action, :target, :status, :outcome, :requestId)""";

    public Uni<Void> append(AuditEntry entry) {
        return getSession().chain(session -> session.createNativeQuery(APPEND)
                .setParameter("time", entry.time())
                .setParameter("tenant", entry.tenant())
                .setParameter("actorId", entry.actorId())
                .setParameter("actorUsername", entry.actorUsername())
                .setParameter("action", entry.action())
                .setParameter("target", entry.target())
                .setParameter("status", entry.status())
                .setParameter("outcome", entry.outcome().label())
                .setParameter("requestId", entry.requestId())
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Up to {@code limit} entries of the tenant, newest first, older than the entry {@code before} if given. */
    public Uni<List<AuditRecord>> newest(String tenant, Optional<Long> before, int limit) {
        return (before.isPresent()
                ? find("tenant = ?1 and id < ?2 order by id desc", tenant, before.get())
                : find("tenant = ?1 order by id desc", tenant))
                .page(0, limit).list();
    }
}
