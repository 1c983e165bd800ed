package io.cloudunit.build.purge;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TenantPurgeRepository implements PanacheRepositoryBase<TenantPurge, String> {

    public Uni<List<String>> pendingTenants() {
        return list("doneAt is null", Sort.by("requestedAt"))
                .map(rows -> rows.stream().map(TenantPurge::tenant).toList());
    }

    public Uni<TenantPurge> lock(String tenant) {
        return findById(tenant, LockModeType.PESSIMISTIC_WRITE);
    }
}
