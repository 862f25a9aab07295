package dev.trialbench.reliability;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.PoolConfig;

/** The pool settings of a test database, for experiments that open pools of their own. Stateless. */
final class ReliabilityPools {

    private ReliabilityPools() {
    }

    static PoolConfig configOf(HikariDataSource dataSource) {
        return PoolConfig.defaults(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
    }
}
