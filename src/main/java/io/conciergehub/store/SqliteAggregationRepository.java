package io.conciergehub.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * camel-sql's aggregation repository on a SQLite file. SQLite's driver hands a small integer
 * back as an {@code Integer}, and the repository casts each row's version to {@code long}
 * (camel-sql 4.16, {@code JdbcAggregationRepository.get}): without the widening below, a batch
 * could be stored but never read back, so it would never complete.
 */
public final class SqliteAggregationRepository extends JdbcAggregationRepository {

    public SqliteAggregationRepository(DataSource dataSource, String repositoryName) {
        super(new DataSourceTransactionManager(dataSource), repositoryName, dataSource);
    }

    @Override
    public void setDataSource(DataSource dataSource) {
        super.setDataSource(dataSource);
        this.jdbcTemplate = new JdbcTemplate(dataSource) {
            @Override
            protected RowMapper<Map<String, Object>> getColumnMapRowMapper() {
                return new ColumnMapRowMapper() {
                    @Override
                    protected Object getColumnValue(ResultSet row, int index) throws SQLException {
                        Object value = super.getColumnValue(row, index);
                        return value instanceof Integer small ? Long.valueOf(small) : value;
                    }
                };
            }
        };
    }
}
