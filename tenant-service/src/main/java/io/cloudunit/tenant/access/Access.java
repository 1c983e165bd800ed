package io.cloudunit.tenant.access;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.platform.purge.TenantPurgeLedger;
import io.cloudunit.tenant.member.Member;
import io.cloudunit.tenant.member.MemberRepository;
import io.cloudunit.tenant.tenant.TenantRepository;
import io.smallrye.mutiny.Uni;

/**
 * The one place that decides whether a caller may act on a tenant. A non-member gets the same 404 as
 * for a tenant that does not exist, so tenant names cannot be enumerated. Must run inside a session.
 */
@ApplicationScoped
public class Access {
    private final MemberRepository members;
    private final TenantRepository tenants;

    public Access(MemberRepository members, TenantRepository tenants) {
        this.members = members;
        this.tenants = tenants;
    }

    public Uni<Member> requireRole(String tenant, Caller caller, Role minimum) {
        return members.find(tenant, caller.id()).map(member -> {
            if (member == null) {
                throw tenantNotFound(tenant);
            }
            if (!member.role.atLeast(minimum)) {
                throw roleTooWeak(tenant, member.role, minimum);
            }
            return member;
        });
    }

    /**
     * {@link #requireRole}, for a change of the tenant: 409 once its deletion was requested (after the role check,
     * so that a non-member still learns nothing). Within a transaction the tenant's row stays share-locked until
     * it ends, so a change and a deletion request of the same tenant never overlap.
     */
    public Uni<Member> requireRoleToChange(String tenant, Caller caller, Role minimum) {
        return requireRole(tenant, caller, minimum).call(member -> tenants.lockDeletionMark(tenant)
                .invoke(deleting -> {
                    if (deleting) {
                        throw TenantPurgeLedger.beingDeleted(tenant);
                    }
                }));
    }

    public static ProblemException roleTooWeak(String tenant, Role actual, Role minimum) {
        return new ProblemException(403, "your role in tenant '" + tenant + "' is " + actual.label()
                + "; this needs " + minimum.label() + " or above: ask an owner of the tenant");
    }

    public static ProblemException tenantNotFound(String tenant) {
        return ProblemException.notFound("tenant '" + tenant + "' not found: check the name "
                + "(GET /api/v1/tenants lists yours) or ask one of its owners to add you");
    }
}
