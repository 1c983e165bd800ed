package io.cloudunit.tenant.config;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.events.ConfigEvent;
import io.cloudunit.platform.events.QuotaEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.access.Access;
import io.cloudunit.tenant.access.Caller;
import io.cloudunit.tenant.access.Role;
import io.cloudunit.tenant.quota.Limit;
import io.cloudunit.tenant.quota.QuotaService;
import io.cloudunit.tenant.suspension.SuspensionGuard;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ConfigService {
    static final String MAX_CONFIG_VARS = Limit.MAX_CONFIG_VARS.label();

    private final ConfigVarRepository vars;
    private final ConfigCipher cipher;
    private final Access access;
    private final Outbox outbox;
    private final QuotaService quota;
    private final SuspensionGuard suspension;

    public ConfigService(ConfigVarRepository vars, ConfigCipher cipher, Access access, Outbox outbox,
            QuotaService quota, SuspensionGuard suspension) {
        this.vars = vars;
        this.suspension = suspension;
        this.cipher = cipher;
        this.access = access;
        this.outbox = outbox;
        this.quota = quota;
    }

    /** The app's vars: with values for developers and owners, names only for viewers. */
    @WithSession
    public Uni<ConfigView> get(String tenant, String app, Caller caller) {
        return access.requireRole(tenant, caller, Role.VIEWER)
                .chain(member -> vars.appExists(tenant, app)
                        .invoke(exists -> requireApp(exists, tenant, app))
                        .chain(() -> vars.ofApp(tenant, app))
                        .map(rows -> member.role.atLeast(Role.DEVELOPER)
                                ? ConfigView.withValues(opened(rows))
                                : ConfigView.namesOnly(rows.stream().map(row -> row.name).toList())));
    }

    /**
     * Every var of the app with its value, for the deployer's release snapshot (ADR 0022); the caller's role was
     * checked by {@link InternalConfigResource}. An app that does not exist is a 404.
     */
    @WithSession
    public Uni<Map<String, String>> valuesForRelease(String tenant, String app) {
        return vars.appExists(tenant, app)
                .invoke(exists -> requireApp(exists, tenant, app))
                .chain(() -> vars.ofApp(tenant, app))
                .map(this::opened);
    }

    /** PUT: the body becomes the whole set of vars. */
    public Uni<ConfigView> replace(String tenant, String app, Caller caller, ConfigVarsRequest request) {
        return change(tenant, app, caller, request::replacement);
    }

    /** PATCH: sets the vars with a string value, unsets those with null. */
    public Uni<ConfigView> patch(String tenant, String app, Caller caller, ConfigVarsRequest request) {
        return change(tenant, app, caller, request::patch);
    }

    /**
     * Applies the edit in one transaction with its {@code config.changed} event, naming only the vars whose
     * value really changed (none: no write, no event). The body is validated after the access checks, so
     * that a non-member learns nothing. A quota refusal is an event whose transaction commits; the 409 is
     * answered after the commit.
     */
    private Uni<ConfigView> change(String tenant, String app, Caller caller, Supplier<ConfigEdit> validatedEdit) {
        return Panache.withTransaction(() -> access.requireRoleToChange(tenant, caller, Role.DEVELOPER)
                .chain(() -> suspension.requireActive(tenant))
                .chain(() -> vars.lockApp(tenant, app))
                .invoke(exists -> requireApp(exists, tenant, app))
                .map(exists -> validatedEdit.get())
                .chain(edit -> vars.ofApp(tenant, app).chain(rows -> apply(tenant, app, caller, rows, edit))))
                .map(Outcome::orThrow);
    }

    private Uni<Outcome> apply(String tenant, String app, Caller caller, List<ConfigVar> rows, ConfigEdit edit) {
        Map<String, String> before = opened(rows);
        Map<String, String> after = edit.applyTo(before);
        return admit(tenant, app, before.size(), after.size()).chain(refusal -> {
            if (refusal.isPresent()) {
                return Uni.createFrom().item(Outcome.refused(refusal.get()));
            }
            List<String> changed = ConfigEdit.changedNames(before, after);
            Outcome done = Outcome.of(ConfigView.withValues(after));
            if (changed.isEmpty()) {
                return Uni.createFrom().item(done);
            }
            return write(tenant, app, byName(rows), after, changed)
                    .chain(() -> outbox.publish(new ConfigEvent.Changed(tenant, app, changed, caller.username())))
                    .replaceWith(done);
        });
    }

    private Uni<Void> write(String tenant, String app, Map<String, ConfigVar> rows, Map<String, String> after,
            List<String> changed) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Uni<Void> writes = Uni.createFrom().voidItem();
        for (String name : changed) {
            ConfigVar row = rows.get(name);
            String value = after.get(name);
            if (value == null) {
                writes = writes.chain(() -> vars.delete(row));
            } else if (row == null) {
                ConfigVarAddress address = new ConfigVarAddress(tenant, app, name);
                writes = writes.chain(() -> vars.persist(ConfigVar.of(address, cipher.seal(address, value), now)))
                        .replaceWithVoid();
            } else {
                row.store(cipher.seal(row.address(), value), now);
            }
        }
        return writes;
    }

    /**
     * Refuses a change that leaves the app with more vars than the plan allows; one that does not add vars
     * is admitted even above a lowered limit, so that vars can always be removed.
     */
    private Uni<Optional<ProblemException>> admit(String tenant, String app, int before, int after) {
        return quota.effective(tenant).chain(effective -> {
            int allowed = effective.of(Limit.MAX_CONFIG_VARS);
            if (after <= allowed || after <= before) {
                return Uni.createFrom().item(Optional.<ProblemException>empty());
            }
            return outbox.publish(new QuotaEvent.Exceeded(tenant, MAX_CONFIG_VARS, after, allowed))
                    .map(published -> Optional.of(ProblemException.conflict("app '" + app + "' would have " + after
                            + " config vars, its limit (" + effective.describe(Limit.MAX_CONFIG_VARS) + ") is "
                            + allowed + ": nothing was changed; unset vars it no longer needs (PATCH them with "
                            + "null) first")));
        });
    }

    private Map<String, String> opened(List<ConfigVar> rows) {
        Map<String, String> values = new LinkedHashMap<>();
        rows.forEach(row -> values.put(row.name, cipher.open(row.address(), row.sealed())));
        return values;
    }

    private static Map<String, ConfigVar> byName(List<ConfigVar> rows) {
        return rows.stream().collect(Collectors.toMap(row -> row.name, Function.identity()));
    }

    private static void requireApp(boolean exists, String tenant, String app) {
        if (!exists) {
            throw ProblemException.notFound("app '" + app + "' not found in tenant '" + tenant
                    + "': GET /api/v1/tenants/" + tenant + "/apps lists its apps");
        }
    }

    /** The outcome of a change transaction: the new view, or the refusal to answer once it committed. */
    private record Outcome(ConfigView view, ProblemException refusal) {
        static Outcome of(ConfigView view) {
            return new Outcome(view, null);
        }

        static Outcome refused(ProblemException refusal) {
            return new Outcome(null, refusal);
        }

        ConfigView orThrow() {
            return Optional.ofNullable(view).orElseThrow(() -> refusal);
        }
    }
}
