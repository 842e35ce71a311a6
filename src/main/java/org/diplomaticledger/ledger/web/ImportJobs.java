package org.diplomaticledger.ledger.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.diplomaticledger.ledger.LedgerImport;
import org.diplomaticledger.ledger.LedgerProperties;
import org.diplomaticledger.ledger.LedgerWriter;
import org.diplomaticledger.ledger.NdjsonCommands;
import org.diplomaticledger.shared.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Imports written in the background: {@code POST /api/v1/imports} with {@code Prefer: respond-async}, or with more
 * lines than {@code ledger.imports.sync-max-lines}, answers {@code 202} with {@code /api/v1/imports/{id}}, and this
 * writes the import:
 * <ol>
 *   <li>the body was spooled to a file under {@code ledger.data-dir/imports} as it arrived (never whole in memory);</li>
 *   <li>pass 1 reads the file line by line and checks every line (state VALIDATING); any malformed line fails the job
 *   with the lines and fields at fault, and nothing is written;</li>
 *   <li>pass 2 reads it again and writes it through {@link LedgerImport#importAll} (state WRITING): one database
 *   transaction, chunks of {@code ledger.imports.chunk} commands appended in one JDBC batch each; a command the
 *   ledger refuses fails the job naming its line, and nothing is written. SUCCEEDED is stored in that same
 *   transaction.</li>
 * </ol>
 * Imports run one at a time, in the order they came. A node that stops mid-import (kill -9) left nothing of it in the
 * ledger (its transaction never committed); its job is marked FAILED once its heartbeat is older than
 * {@code ledger.imports.stale-after}, by whichever node sees it first, and its spool files are deleted when the node
 * starts again.
 */
@Component
class ImportJobs implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    static final String PATH = "/api/v1/imports";

    enum State {
        ACCEPTED,
        VALIDATING,
        WRITING,
        SUCCEEDED,
        FAILED;

        boolean finished() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    /** What {@code GET /api/v1/imports/{id}} answers. Positions are -1 until the import wrote events. */
    record ImportStatus(
            String id,
            State state,
            long bodyBytes,
            long linesRead,
            long linesValidated,
            long linesWritten,
            long commands,
            long events,
            Long firstPosition,
            Long lastPosition,
            String correlationId,
            Instant createdAt,
            Instant updatedAt,
            Instant finishedAt,
            JsonNode problem) {}

    /** A job running on this node: its live counters (the database row has them only at each change of state). */
    private static final class Live {
        final String id;
        volatile State state = State.ACCEPTED;
        volatile long linesValidated;
        volatile long linesWritten;
        volatile long commands;
        volatile long events;
        volatile long firstPosition = -1;
        volatile long lastPosition = -1;

        Live(String id) {
            this.id = id;
        }
    }

    private final JdbcTemplate jdbc;
    private final NdjsonCommands ndjson;
    private final ImportSpools spools;
    private final ImportValidation validation;
    private final LedgerWriter writer;
    private final ObjectMapper json;
    private final CommandMetrics metrics;
    private final Clock clock;
    private final int chunk;
    private final Duration staleAfter;
    private final String node = UUID.randomUUID().toString();
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    /** One import at a time: their appends exclude each other anyway (LedgerWriter's gate). */
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ledger-imports");
        thread.setDaemon(true);
        return thread;
    });

    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ledger-imports-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    ImportJobs(
            JdbcTemplate jdbc,
            NdjsonCommands ndjson,
            ImportSpools spools,
            LedgerWriter writer,
            ObjectMapper json,
            CommandMetrics metrics,
            Clock clock,
            LedgerProperties properties) {
        int chunk = properties.imports().chunk();
        this.jdbc = jdbc;
        this.ndjson = ndjson;
        this.spools = spools;
        this.validation = new ImportValidation(ndjson, spools.maxLineBytes());
        this.writer = writer;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
        this.chunk = chunk;
        this.staleAfter = properties.imports().staleAfter();
        if (chunk < 1) {
            throw new IllegalStateException("ledger.imports.chunk must be 1 or more, not " + chunk);
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        // Nothing runs on this node yet: whatever a former run left in the spool directory is an import that died.
        spools.discardLeftovers();
        failStale();
        long every = Math.max(1000, staleAfter.toMillis() / 4);
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Keeps this node's running jobs fresh, and fails jobs whose node stopped beating (it died mid-import). */
    private void beat() {
        try {
            Timestamp now = Timestamp.from(clock.instant());
            for (Live job : live.values()) {
                jdbc.update(
                        "UPDATE import_job SET updated_at = ? WHERE id = ? AND state IN ('ACCEPTED', 'VALIDATING', 'WRITING')",
                        now,
                        job.id);
            }
            failStale();
        } catch (RuntimeException e) {
            log.warn("The import jobs' heartbeat failed: {}", e.toString());
        }
    }

    /** Marks FAILED the unfinished jobs not refreshed for {@code staleAfter}: their node stopped; nothing was written. */
    int failStale() {
        Instant now = clock.instant();
        String problem = problemJson(Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "import-interrupted",
                "Import interrupted",
                "the node writing this import stopped before it finished; nothing of the import was written: send it again",
                null));
        return jdbc.update(
                "UPDATE import_job SET state = 'FAILED', problem = ?, finished_at = ?, updated_at = ?"
                        + " WHERE state IN ('ACCEPTED', 'VALIDATING', 'WRITING') AND updated_at < ? AND node_id <> ?",
                problem,
                Timestamp.from(now),
                Timestamp.from(now),
                Timestamp.from(now.minus(staleAfter)),
                node);
    }

    // ------------------------------------------------------------------------------------------------ jobs

    /** What {@link #submit} came to: the job's status, and whether it is an earlier job found by its Idempotency-Key. */
    record Submitted(ImportStatus status, boolean replayed) {}

    /**
     * Starts a job for the spooled body (which it then owns), or, when the actor's Idempotency-Key names a job that
     * did not fail, answers that job (and deletes the spool): a retry never imports twice.
     *
     * @throws Writes.IdempotencyKeyReused when the key names a job of another body
     */
    Submitted submit(ImportSpools.Spool spool, String actor, String key, String correlationId) {
        if (key != null) {
            Optional<Submitted> earlier = earlier(actor, key, spool);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            // A job of this key that failed gives its key up: the retry is a new import.
            jdbc.update(
                    "UPDATE import_job SET idempotency_key = NULL WHERE actor = ? AND idempotency_key = ? AND state = 'FAILED'",
                    actor,
                    key);
        }
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(clock.instant());
        try {
            jdbc.update(
                    "INSERT INTO import_job (id, actor, idempotency_key, request_hash, correlation_id, node_id, state, body_bytes,"
                            + " lines_read, lines_validated, lines_written, commands, events, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, 'ACCEPTED', ?, ?, 0, 0, 0, 0, ?, ?)",
                    id,
                    actor,
                    key,
                    spool.requestHash(),
                    correlationId,
                    node,
                    spool.bytes(),
                    spool.lines(),
                    now,
                    now);
        } catch (DuplicateKeyException raced) {
            // The same key, sent twice at once: the other request made its job first.
            return earlier(actor, key, spool).orElseThrow(() -> raced);
        }
        Live job = new Live(id);
        live.put(id, job);
        try {
            runner.execute(() -> run(job, spool, actor, correlationId));
        } catch (RuntimeException rejected) {
            live.remove(id);
            spool.delete();
            throw rejected;
        }
        return new Submitted(status(id, actor).orElseThrow(), false);
    }

    private Optional<Submitted> earlier(String actor, String key, ImportSpools.Spool spool) {
        List<String[]> found = jdbc.query(
                "SELECT id, request_hash FROM import_job WHERE actor = ? AND idempotency_key = ?",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)},
                actor,
                key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (!found.get(0)[1].equals(spool.requestHash())) {
            spool.delete();
            throw new Writes.IdempotencyKeyReused(key);
        }
        Optional<ImportStatus> status = status(found.get(0)[0], actor);
        if (status.isEmpty() || status.get().state() == State.FAILED) {
            return Optional.empty();
        }
        spool.delete();
        return Optional.of(new Submitted(status.get(), true));
    }

    private void run(Live job, ImportSpools.Spool spool, String actor, String correlationId) {
        try {
            // Pass 1: every line checked before anything is written.
            job.state = State.VALIDATING;
            transition(job);
            ImportValidation.Outcome valid = validation.validate(spool, line -> job.linesValidated = line);
            job.linesValidated = valid.lines();
            if (valid.problem() != null) {
                fail(job, valid.problem());
                return;
            }
            // Pass 2: the file again, chunk by chunk, in one transaction.
            job.state = State.WRITING;
            transition(job);
            try (InputStream in = ImportSpools.open(spool);
                    ImportChunks chunks = new ImportChunks(in, ndjson, spools.maxLineBytes(), chunk)) {
                LedgerImport.ImportProgress done = writer.importAll(
                        chunks,
                        new LedgerWriter.Context(actor, correlationId),
                        progress -> {
                            job.linesWritten = progress.lines();
                            job.commands = progress.commands();
                            job.events = progress.events();
                            job.firstPosition = progress.firstPosition();
                            job.lastPosition = progress.lastPosition();
                        },
                        totals -> succeed(job, totals));
                job.state = State.SUCCEEDED;
                metrics.imported((int) Math.min(Integer.MAX_VALUE, done.commands()), spool.bytes());
            }
        } catch (LedgerImport.ImportLineRefused refused) {
            ProblemDetail problem = ProblemAdvice.refusal(refused.failure().getCause(), null);
            metrics.refused(refused.failure().command(), problem);
            problem.setDetail(
                    "line " + refused.line() + " (" + refused.failure().command() + "): " + problem.getDetail()
                            + "; nothing of the import was written");
            problem.setProperty("line", refused.line());
            problem.setProperty("command", refused.failure().command());
            fail(job, problem);
        } catch (Throwable unexpected) {
            log.error("Import {} failed; nothing of it was written", job.id, unexpected);
            fail(
                    job,
                    Problems.of(
                            HttpStatus.INTERNAL_SERVER_ERROR,
                            "internal-error",
                            "Internal error",
                            "The ledger could not complete the import; nothing of it was written. The log holds the details.",
                            null));
        } finally {
            live.remove(job.id);
            spool.delete();
        }
    }

    private void transition(Live job) {
        jdbc.update(
                "UPDATE import_job SET state = ?, lines_validated = ?, updated_at = ? WHERE id = ?",
                job.state.name(),
                job.linesValidated,
                Timestamp.from(clock.instant()),
                job.id);
    }

    /** In the import's transaction, just before its commit: SUCCEEDED is stored with the events or not at all. */
    private void succeed(Live job, LedgerImport.ImportProgress totals) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.update(
                "UPDATE import_job SET state = 'SUCCEEDED', lines_validated = ?, lines_written = ?, commands = ?,"
                        + " events = ?, first_position = ?, last_position = ?, updated_at = ?, finished_at = ?"
                        + " WHERE id = ? AND state = 'WRITING'",
                job.linesValidated,
                job.linesValidated,
                totals.commands(),
                totals.events(),
                totals.firstPosition() < 0 ? null : totals.firstPosition(),
                totals.lastPosition() < 0 ? null : totals.lastPosition(),
                now,
                now,
                job.id);
        if (updated != 1) {
            throw new IllegalStateException(
                    "import " + job.id + " is no longer WRITING (marked failed meanwhile?): rolled back");
        }
    }

    private void fail(Live job, ProblemDetail problem) {
        job.state = State.FAILED;
        problem.setInstance(URI.create(PATH + "/" + job.id));
        Timestamp now = Timestamp.from(clock.instant());
        try {
            jdbc.update(
                    "UPDATE import_job SET state = 'FAILED', problem = ?, lines_validated = ?, lines_written = 0, commands = 0,"
                            + " events = 0, first_position = NULL, last_position = NULL, updated_at = ?, finished_at = ? WHERE id = ?",
                    problemJson(problem),
                    job.linesValidated,
                    now,
                    now,
                    job.id);
        } catch (RuntimeException e) {
            log.error("Could not record that import {} failed (nothing of it was written)", job.id, e);
        }
    }

    private String problemJson(ProblemDetail problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The job's status as its actor sees it; empty for another actor's job or an unknown id. */
    Optional<ImportStatus> status(String id, String actor) {
        List<ImportStatus> found = jdbc.query(
                "SELECT id, state, body_bytes, lines_read, lines_validated, lines_written, commands,"
                        + " events, first_position, last_position, correlation_id, created_at, updated_at, finished_at, problem"
                        + " FROM import_job WHERE id = ? AND actor = ?",
                (rs, n) -> new ImportStatus(
                        rs.getString(1),
                        State.valueOf(rs.getString(2)),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8),
                        (Long) rs.getObject(9, Long.class),
                        (Long) rs.getObject(10, Long.class),
                        rs.getString(11),
                        instant(rs.getTimestamp(12)),
                        instant(rs.getTimestamp(13)),
                        instant(rs.getTimestamp(14)),
                        problem(rs.getString(15))),
                id,
                actor);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ImportStatus stored = found.get(0);
        Live running = live.get(id);
        if (running == null || stored.state().finished()) {
            return Optional.of(stored);
        }
        // Running here: the live counters (the row has them only as of the last change of state).
        State state = running.state.finished() ? stored.state() : running.state;
        return Optional.of(new ImportStatus(
                stored.id(),
                state,
                stored.bodyBytes(),
                stored.linesRead(),
                running.linesValidated,
                running.linesWritten,
                running.commands,
                running.events,
                running.firstPosition < 0 ? null : running.firstPosition,
                running.lastPosition < 0 ? null : running.lastPosition,
                stored.correlationId(),
                stored.createdAt(),
                stored.updatedAt(),
                null,
                null));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private JsonNode problem(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        heartbeat.shutdownNow();
        // A running import is left to finish or to be cut by the JVM's exit: either way nothing half of it is stored.
        runner.shutdown();
        runner.awaitTermination(5, TimeUnit.SECONDS);
    }
}
