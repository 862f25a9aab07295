package dev.trialbench.db;

import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * The one way trialbench creates a {@link Jdbi}. Jdbi's default exception message lists the
 * statement's bound parameters (user ids, IP addresses, device data); here it shows a shortened
 * statement and no parameters, so that an exception that reaches a log leaks nothing.
 * (The pool also sets pgjdbc's {@code logServerErrorDetail=false}, which keeps the values of a
 * violated key out of server error messages.) Thread-safe (stateless).
 */
public final class Jdbis {

    private Jdbis() {
    }

    public static Jdbi create(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.getConfig(StatementExceptions.class)
                .setMessageRendering(StatementExceptions.MessageRendering.SHORT_STATEMENT)
                .setLengthLimit(200);
        return jdbi;
    }
}
