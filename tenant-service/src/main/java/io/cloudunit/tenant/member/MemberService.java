package io.cloudunit.tenant.member;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.events.MemberEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.access.Access;
import io.cloudunit.tenant.access.Caller;
import io.cloudunit.tenant.access.Role;
import io.cloudunit.tenant.identity.KeycloakApi;
import io.cloudunit.tenant.identity.UserDirectory;
import io.cloudunit.tenant.suspension.SuspensionGuard;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Membership changes. Each one locks the tenant's membership first and checks the caller's role after
 * the lock (see {@link MemberRepository#lockMembershipOf}), so that it acts on what is committed now.
 */
@ApplicationScoped
public class MemberService {
    private final MemberRepository members;
    private final Access access;
    private final UserDirectory users;
    private final Outbox outbox;
    private final SuspensionGuard suspension;

    public MemberService(MemberRepository members, Access access, UserDirectory users, Outbox outbox,
            SuspensionGuard suspension) {
        this.members = members;
        this.suspension = suspension;
        this.access = access;
        this.users = users;
        this.outbox = outbox;
    }

    @WithSession
    public Uni<List<MemberView>> list(String tenant, Caller caller) {
        return access.requireRole(tenant, caller, Role.VIEWER)
                .chain(() -> members.ofTenant(tenant))
                .map(list -> list.stream().map(MemberView::of).toList());
    }

    @WithSession
    public Uni<MemberView> get(String tenant, String username, Caller caller) {
        return access.requireRole(tenant, caller, Role.VIEWER)
                .chain(() -> existing(tenant, username))
                .map(MemberView::of);
    }

    /**
     * Adds a user found in Keycloak, unless the tenant is suspended (409, checked again when writing). Only an
     * owner gets as far as the lookup, so that nobody else can probe which users exist; the lookup holds no transaction open, and the transaction that writes
     * checks the owner again.
     */
    public Uni<MemberView> add(String tenant, NewMember request, Caller caller) {
        return Uni.createFrom().item(request::validated)
                .call(() -> Panache.withTransaction(() -> access.requireRoleToChange(tenant, caller, Role.OWNER)
                        .chain(() -> suspension.requireActive(tenant))))
                .chain(valid -> users.find(valid.user())
                        .chain(user -> Panache.withTransaction(() -> insert(tenant, user, valid.role(), caller))))
                .map(MemberView::of);
    }

    @WithTransaction
    public Uni<MemberView> changeRole(String tenant, String username, RoleChange request, Caller caller) {
        Role role = request.validated();
        return lockedFor(tenant, caller, Role.OWNER)
                .chain(() -> existing(tenant, username))
                .call(member -> role == Role.OWNER ? Uni.createFrom().voidItem()
                        : requireNotLastOwner(member, caller, "be demoted"))
                .call(member -> member.role == role ? Uni.createFrom().voidItem() : changeTo(member, role))
                .map(MemberView::of);
    }

    /** Removes a member: an owner may remove anyone, any member themselves (leaving the tenant). */
    @WithTransaction
    public Uni<Void> remove(String tenant, String username, Caller caller) {
        return lockedFor(tenant, caller, Role.VIEWER)
                .chain(self -> existing(tenant, username).invoke(target -> requireSelfOrOwner(tenant, self, target)))
                .call(target -> requireNotLastOwner(target, caller,
                        target.userId.equals(caller.id()) ? "leave it" : "be removed"))
                .call(members::delete)
                .call(target -> outbox.publish(new MemberEvent.Removed(tenant, target.userId)))
                .replaceWithVoid();
    }

    private Uni<Member> insert(String tenant, KeycloakApi.User user, Role role, Caller caller) {
        Member member = Member.of(tenant, user.id(), user.username(), role,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
        return lockedFor(tenant, caller, Role.OWNER)
                .call(() -> suspension.requireActive(tenant))
                .chain(() -> members.find(tenant, user.id()))
                .invoke(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("'" + existing.username + "' is already a member of tenant '"
                                + tenant + "' as " + existing.role.label() + ": change their role with PATCH "
                                + memberPath(tenant, existing.username));
                    }
                })
                .chain(() -> members.persist(member))
                .call(() -> outbox.publish(new MemberEvent.Added(tenant, member.userId, member.username,
                        role.label())));
    }

    private Uni<Void> changeTo(Member member, Role role) {
        member.role = role;
        return outbox.publish(new MemberEvent.RoleChanged(member.tenant, member.userId, role.label()))
                .replaceWithVoid();
    }

    private Uni<Member> lockedFor(String tenant, Caller caller, Role minimum) {
        return members.lockMembershipOf(tenant).chain(() -> access.requireRoleToChange(tenant, caller, minimum));
    }

    /** 409 when {@code member} is the tenant's only owner, so that {@code action} would leave it without one. */
    private Uni<Void> requireNotLastOwner(Member member, Caller caller, String action) {
        if (member.role != Role.OWNER) {
            return Uni.createFrom().voidItem();
        }
        String who = member.userId.equals(caller.id()) ? "you are" : "'" + member.username + "' is";
        return members.countOwnersOf(member.tenant).invoke(owners -> {
            if (owners <= 1) {
                throw ProblemException.conflict(who + " the last owner of tenant '" + member.tenant + "' and cannot "
                        + action + ": promote another member to owner first (PATCH "
                        + memberPath(member.tenant, "{username}") + " {\"role\": \"owner\"})");
            }
        }).replaceWithVoid();
    }

    private static void requireSelfOrOwner(String tenant, Member self, Member target) {
        if (!target.userId.equals(self.userId) && !self.role.atLeast(Role.OWNER)) {
            throw Access.roleTooWeak(tenant, self.role, Role.OWNER);
        }
    }

    private Uni<Member> existing(String tenant, String username) {
        return members.findByUsername(tenant, username).onItem().ifNull().failWith(() -> ProblemException.notFound(
                "'" + username + "' is not a member of tenant '" + tenant + "': GET /api/v1/tenants/" + tenant
                        + "/members lists its members"));
    }

    static String memberPath(String tenant, String username) {
        return "/api/v1/tenants/" + tenant + "/members/" + username;
    }
}
