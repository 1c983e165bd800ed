package io.cloudunit.tenant.deletion;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The {@code tenant.purged} answers recorded for the tenants being deleted. Must run inside a session. */
@ApplicationScoped
public class Confirmations {
    private static final String RECORD = """
            insert into tenant_deletion_confirmations (tenant, service, confirmed_at) values (:tenant, :service, now())
            on conflict do nothing""";
    private static final String OF = "select service from tenant_deletion_confirmations where tenant = :tenant";

    /** {@code true} when it is the service's first answer for the tenant. */
    public Uni<Boolean> record(String tenant, String service) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECORD)
                .setParameter("tenant", tenant)
                .setParameter("service", service)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** The services that confirmed for the tenant, in no particular order. */
    public Uni<List<String>> of(String tenant) {
        return Panache.getSession().chain(session -> session.createNativeQuery(OF, String.class)
                .setParameter("tenant", tenant)
                .getResultList());
    }
}
