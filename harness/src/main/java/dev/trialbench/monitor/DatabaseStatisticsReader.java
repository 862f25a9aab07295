package dev.trialbench.monitor;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The plain catalog and statistics reads of the monitor: server identity, connections, buffer-cache
 * hit ratios, and table sizes. Every query is scoped to the current database (and, for sizes, the
 * current schema). Thread-safe (stateless apart from the data source).
 */
final class DatabaseStatisticsReader {

    private static final String SERVER_SQL = """
            SELECT current_database(), coalesce(current_schema(), ''),
                   current_setting('server_version'), current_setting('server_version_num')::int""";

    private static final String CONNECTIONS_SQL = """
            SELECT current_database() AS database_name,
                   count(*) AS total,
                   count(*) FILTER (WHERE a.state = 'active') AS active,
                   count(*) FILTER (WHERE a.state = 'idle') AS idle,
                   count(*) FILTER (WHERE a.state IN ('idle in transaction', 'idle in transaction (aborted)'))
                       AS idle_in_transaction,
                   count(*) FILTER (WHERE a.wait_event_type = 'Lock') AS waiting_on_lock,
                   current_setting('max_connections')::int AS max_connections
            FROM pg_stat_activity a
            WHERE a.datid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND a.backend_type = 'client backend'
              AND (CAST(? AS text) IS NULL OR a.application_name = CAST(? AS text))""";

    private static final String INDEX_HITS_SQL = """
            SELECT coalesce(sum(idx_blks_hit), 0)::bigint, coalesce(sum(idx_blks_read), 0)::bigint
            FROM pg_statio_user_indexes""";

    private static final String TABLE_HITS_SQL = """
            SELECT coalesce(sum(heap_blks_hit), 0)::bigint, coalesce(sum(heap_blks_read), 0)::bigint
            FROM pg_statio_user_tables""";

    private static final String TABLE_SIZES_SQL = """
            SELECT n.nspname AS schema_name, c.relname AS table_name,
                   pg_table_size(c.oid) - coalesce(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0)
                       AS heap_bytes,
                   pg_indexes_size(c.oid) AS index_bytes,
                   coalesce(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0) AS toast_bytes,
                   pg_total_relation_size(c.oid) AS total_bytes,
                   c.reltuples::float8 AS estimated_rows
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'm')
            ORDER BY total_bytes DESC, c.relname""";

    private static final String INDEX_SIZES_SQL = """
            SELECT t.relname AS table_name, c.relname AS index_name, pg_total_relation_size(c.oid) AS bytes
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema()
            ORDER BY t.relname, bytes DESC, c.relname""";

    private final DataSource dataSource;

    DatabaseStatisticsReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    ServerInfo serverInfo() {
        return Jdbc.one(dataSource, "the server version", SERVER_SQL,
                row -> new ServerInfo(row.getString(1), row.getString(2), row.getString(3), row.getInt(4)));
    }

    ConnectionStats connections(String applicationName) {
        return Jdbc.one(dataSource, "pg_stat_activity", CONNECTIONS_SQL, row -> new ConnectionStats(
                row.getString("database_name"), Optional.ofNullable(applicationName),
                row.getInt("total"), row.getInt("active"), row.getInt("idle"),
                row.getInt("idle_in_transaction"), row.getInt("waiting_on_lock"), row.getInt("max_connections")),
                applicationName, applicationName);
    }

    HitRatio indexHitRatio() {
        return Jdbc.one(dataSource, "pg_statio_user_indexes", INDEX_HITS_SQL,
                row -> new HitRatio(row.getLong(1), row.getLong(2)));
    }

    HitRatio tableHitRatio() {
        return Jdbc.one(dataSource, "pg_statio_user_tables", TABLE_HITS_SQL,
                row -> new HitRatio(row.getLong(1), row.getLong(2)));
    }

    List<RelationSize> relationSizes() {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, List<RelationSize.IndexSize>> indexesByTable = new LinkedHashMap<>();
            Jdbc.list(connection, INDEX_SIZES_SQL, row -> indexesByTable
                    .computeIfAbsent(row.getString("table_name"), table -> new ArrayList<>())
                    .add(new RelationSize.IndexSize(row.getString("index_name"), row.getLong("bytes"))));
            return Jdbc.list(connection, TABLE_SIZES_SQL, row -> {
                String table = row.getString("table_name");
                double reltuples = row.getDouble("estimated_rows");
                boolean unknown = reltuples < 0;
                return new RelationSize(row.getString("schema_name"), table,
                        row.getLong("heap_bytes"), row.getLong("index_bytes"), row.getLong("toast_bytes"),
                        row.getLong("total_bytes"),
                        unknown ? OptionalLong.empty() : OptionalLong.of(Math.round(reltuples)),
                        indexesByTable.getOrDefault(table, List.of()));
            });
        } catch (SQLException e) {
            throw Jdbc.failure("the table sizes", e);
        }
    }
}
