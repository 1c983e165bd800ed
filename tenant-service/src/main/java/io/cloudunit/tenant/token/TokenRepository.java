package io.cloudunit.tenant.token;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TokenRepository implements PanacheRepository<Token> {
    /** The unique index that keeps the names of a tenant's live tokens apart. */
    static final String LIVE_NAME_KEY = "tokens_tenant_live_name_key";

    public Uni<List<Token>> liveOf(String tenant) {
        return list("tenant = ?1 and revokedAt is null", Sort.by("name"), tenant);
    }

    public Uni<Token> live(String tenant, long id) {
        return find("tenant = ?1 and id = ?2 and revokedAt is null", tenant, id).firstResult();
    }

    public Uni<Token> liveNamed(String tenant, String name) {
        return find("tenant = ?1 and name = ?2 and revokedAt is null", tenant, name).firstResult();
    }

    /** Live tokens past their expiry, or whose tenant is gone: their Keycloak clients must go too. */
    public Uni<List<Token>> dueForRevocation(OffsetDateTime now) {
        return list("revokedAt is null and (expiresAt <= :now or tenant not in (select t.name from Tenant t "
                + "where t.deletionRequestedAt is null))", Sort.by("id"), Parameters.with("now", now));
    }

    /** Forgets revoked tokens whose tenant was deleted meanwhile: nothing of a deleted tenant stays (ADR 13). */
    public Uni<Long> deleteRevokedOfDeletedTenants() {
        return delete("revokedAt is not null and tenant not in (select t.name from Tenant t)");
    }
}
