-- camel-sql's JdbcAggregationRepository (notice-batches.db, used when Redis is not configured):
-- each guest's notices waiting for notifications.batch-window, and batches completed but not yet
-- confirmed (recovered after a crash). A file of its own: the rows hold serialized exchanges
-- (blobs), which the replication of hub.db does not carry, and nothing else writes to it.
CREATE TABLE batches (
    id       VARCHAR(255) PRIMARY KEY,
    exchange BLOB         NOT NULL,
    version  BIGINT       NOT NULL
);
CREATE TABLE batches_completed (
    id       VARCHAR(255) PRIMARY KEY,
    exchange BLOB         NOT NULL,
    version  BIGINT       NOT NULL
);
