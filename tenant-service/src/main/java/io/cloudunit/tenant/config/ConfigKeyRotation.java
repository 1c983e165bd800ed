package io.cloudunit.tenant.config;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.cloudunit.platform.vertx.FreshContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Key rotation: rows still sealed with a retired key are re-encrypted with the active key, in the
 * background after each start, a small batch per transaction so that writers of config are never held
 * up for long. Rows whose key is not configured at all are left alone and reported.
 */
@ApplicationScoped
public class ConfigKeyRotation {
    private static final Logger LOG = Logger.getLogger(ConfigKeyRotation.class);
    static final int BATCH = 50;

    private final ConfigVarRepository vars;
    private final ConfigCipher cipher;
    private final Vertx vertx;

    public ConfigKeyRotation(ConfigVarRepository vars, ConfigCipher cipher, Vertx vertx) {
        this.vars = vars;
        this.cipher = cipher;
        this.vertx = vertx;
    }

    // Injecting the cipher here also makes a missing or malformed key fail the start, not the first request.
    void start(@Observes StartupEvent started) {
        FreshContext.run(vertx, () -> reencryptRetired().chain(this::reportUnknownKeys).subscribe().with(
                rewritten -> { },
                failure -> LOG.warnf("re-encrypting config vars with key '%s' failed, the next start retries: %s",
                        cipher.activeKeyId(), failure.toString())));
    }

    /** Re-encrypts every row sealed with a retired key; answers how many were rewritten. */
    public Uni<Long> reencryptRetired() {
        Set<String> retired = cipher.retiredKeyIds();
        if (retired.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        return fromId(retired, 0L, 0L).invoke(rewritten -> {
            if (rewritten > 0) {
                LOG.infof("re-encrypted %d config vars with key '%s'", rewritten, cipher.activeKeyId());
            }
        });
    }

    private Uni<Long> fromId(Set<String> retired, long afterId, long rewrittenSoFar) {
        return Panache.withTransaction(() -> vars.sealedWith(retired, afterId, BATCH).map(this::reseal))
                .chain(batch -> batch.isEmpty()
                        ? Uni.createFrom().item(rewrittenSoFar)
                        : fromId(retired, batch.lastId(), rewrittenSoFar + batch.rewritten()));
    }

    private Batch reseal(List<ConfigVar> rows) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        int rewritten = 0;
        for (ConfigVar row : rows) {
            try {
                row.store(cipher.reseal(row.address(), row.sealed()), now);
                rewritten++;
            } catch (ConfigDecryptionException e) {
                // Left as it is (the cursor moves past it): a damaged row must not stop the others.
                LOG.errorf("config var not re-encrypted: %s", e.getMessage());
            }
        }
        return new Batch(rows.isEmpty() ? -1 : rows.get(rows.size() - 1).id, rows.size(), rewritten);
    }

    private Uni<Long> reportUnknownKeys(long rewritten) {
        return Panache.withSession(() -> vars.countSealedWithOtherThan(cipher.keyIds())).invoke(unreadable -> {
            if (unreadable > 0) {
                LOG.errorf("%d config vars are encrypted with keys that are not configured (configured: %s): they "
                        + "cannot be read until their key is added back to cloudunit.tenant.config-encryption.keys",
                        unreadable, cipher.keyIds());
            }
        }).replaceWith(rewritten);
    }

    private record Batch(long lastId, int size, int rewritten) {
        boolean isEmpty() {
            return size == 0;
        }
    }
}
