package io.cloudunit.gateway.audit;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AuditService {
    private final AuditRepository repository;

    public AuditService(AuditRepository repository) {
        this.repository = repository;
    }

    /** Writes the entries in one transaction: all of them or none. */
    @WithTransaction
    public Uni<Void> append(List<AuditEntry> entries) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (AuditEntry entry : entries) {
            chain = chain.chain(() -> repository.append(entry));
        }
        return chain;
    }

    @WithSession
    public Uni<List<AuditView>> newest(String tenant, Optional<Long> before, int limit) {
        return repository.newest(tenant, before, limit)
                .map(records -> records.stream().map(AuditRecord::toView).toList());
    }
}
