package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes that queue while the lock is taken (the concierge's answer, the outbox's marks, the
 * webhooks' messages) are committed together by whoever takes the lock next: a caller waits for
 * its piece, not for its own turn on the lock. Each caller still gets exactly its own outcome, and
 * an ordinary write does not wait for the disk sync that a durable one in its group needs.
 */
class WritesWaitingForTheLockShareOneCommitTest {

    private Database db;

    @BeforeEach
    void openDatabase() throws Exception {
        db = Database.open(Files.createTempDirectory("shared-commit-"), true);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void ordinaryWritesQueuedBehindTheLockAreCommittedByOneCaller() throws Exception {
        List<QueuedWriter> writers = returnedAfterQueueingTogether(QueuedWriter.ordinary(db, "a"),
                QueuedWriter.ordinary(db, "b"), QueuedWriter.ordinary(db, "c"));

        assertThat(writers).allMatch(writer -> writer.id.get() > 0);
        assertThat(writers).extracting(QueuedWriter::ranOn).as("the work ran on the committer's thread")
                .containsOnly(writers.get(0));
        long rows = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM dead_letters WHERE source IN ('a', 'b', 'c')"));
        assertThat(rows).isEqualTo(3);
    }

    /** What a piece of work may throw: an exception (a constraint, a bug) or an Error (an assertion). */
    static Stream<Arguments> failures() {
        Function<String, Throwable> exception = source -> new IllegalStateException(source + " fails");
        Function<String, Throwable> error = source -> new AssertionError(source + " fails");
        return Stream.of(Arguments.of("an exception", exception), Arguments.of("an Error", error));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aFailingWriteInTheGroupUndoesOnlyItsOwnRowsAndOnlyItsCallerGetsTheFailure(String kind,
            Function<String, Throwable> failure) throws Exception {
        List<QueuedWriter> writers = returnedAfterQueueingTogether(QueuedWriter.ordinary(db, "a"),
                QueuedWriter.failing(db, "b", failure), QueuedWriter.ordinary(db, "c"));

        assertThat(writers.get(1).failure()).isInstanceOf(failure.apply("b").getClass()).hasMessage("b fails");
        assertThat(writers.get(0).failure()).isNull();
        assertThat(writers.get(2).failure()).isNull();
        assertThat(writers.get(0).id.get()).isPositive();
        assertThat(writers.get(2).id.get()).isPositive();
        List<String> written = db.read(c -> Sql.list(c,
                "SELECT source FROM dead_letters WHERE source <> 'holder' ORDER BY source", row -> row.getString(1)));
        assertThat(written).containsExactly("a", "c");
    }

    @Test
    void anOrdinaryWriteInADurableGroupReturnsWithoutWaitingForTheSync() throws Exception {
        SlowDisk disk = SlowDisk.under(db);
        QueuedWriter durable = QueuedWriter.durable(db, "webhook");
        QueuedWriter ordinary = QueuedWriter.ordinary(db, "answer");

        // The durable write's caller, queued first, commits both and syncs.
        QueuedWriter.syncingAsOneGroup(disk, List.of(durable, ordinary));

        ordinary.join(10_000);
        assertThat(ordinary.id.get()).as("committed and returned while the sync is under way").isPositive();
        assertThat(ordinary.ranOn()).isSameAs(durable);
        await().atMost(Duration.ofSeconds(10)).during(Duration.ofMillis(200)).until(() -> durable.id.get() == 0);

        disk.finish();
        durable.join(10_000);
        assertThat(durable.id.get()).isPositive();
    }

    /** The writers queued behind the lock in this order, each joined once it returned. */
    private List<QueuedWriter> returnedAfterQueueingTogether(QueuedWriter... writers) throws Exception {
        QueuedWriter.queuedBehindTheLock(db, List.of(writers));
        for (QueuedWriter writer : writers) {
            writer.join(10_000);
            assertThat(writer.isAlive()).as("returned").isFalse();
        }
        return List.of(writers);
    }
}
