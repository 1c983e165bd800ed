package io.cloudunit.tenant.persistence;

import java.util.Optional;

import org.hibernate.exception.ConstraintViolationException;

import io.vertx.pgclient.PgException;

/**
 * Recognises a failed insert caused by a unique constraint, whichever layer reported it (Hibernate
 * wraps the driver's error in some paths and not in others).
 */
public final class UniqueViolation {
    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolation() {
    }

    /** Whether {@code failure} is a violation of the unique constraint (or primary key) {@code constraint}. */
    public static boolean of(Throwable failure, String constraint) {
        return constraintName(failure).filter(constraint::equals).isPresent();
    }

    static Optional<String> constraintName(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return Optional.ofNullable(pg.getConstraint());
            }
            if (t instanceof ConstraintViolationException violation
                    && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                return Optional.ofNullable(violation.getConstraintName());
            }
        }
        return Optional.empty();
    }
}
