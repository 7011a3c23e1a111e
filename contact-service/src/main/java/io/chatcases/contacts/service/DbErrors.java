package io.chatcases.contacts.service;

import io.vertx.pgclient.PgException;
import org.hibernate.exception.ConstraintViolationException;

/** Recognises PostgreSQL errors in whatever Hibernate Reactive wrapped them. */
final class DbErrors {
    static final String UNIQUE_VIOLATION = "23505";
    static final String EXTERNAL_ID_CONSTRAINT = "contact_external_id_key";

    private DbErrors() {}

    /** True when {@code failure} was caused by a unique violation of {@code constraint}. */
    static boolean isUniqueViolation(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return constraint.equals(pg.getConstraint())
                        || mentions(pg.getErrorMessage(), constraint);
            }
            if (t instanceof ConstraintViolationException cve
                    && cve.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                return constraint.equals(cve.getConstraintName())
                        || mentions(cve.getMessage(), constraint);
            }
        }
        return false;
    }

    private static boolean mentions(String message, String constraint) {
        return message != null && message.contains("\"" + constraint + "\"");
    }
}
