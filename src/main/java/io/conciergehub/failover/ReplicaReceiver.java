package io.conciergehub.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.Fields;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.store.Database;
import io.conciergehub.store.PrivateFiles;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The passive node's side of replication, behind {@code /api/mesh/sync/changes},
 * {@code /api/mesh/sync/snapshot} and {@code /api/mesh/failover/takeover}. Every call carries the
 * sender's epoch: a sender behind this node's epoch is refused (409) and learns the higher epoch
 * from the answer; a sender ahead of it fences this node first.
 */
public final class ReplicaReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaReceiver.class);
    // Names Snapshots writes; nothing else in the backup directory is ever served.
    private static final java.util.regex.Pattern SNAPSHOT_NAME = java.util.regex.Pattern.compile("hub-[0-9TZ:.-]+\\.db\\.gz");

    private final Failover failover;
    private final ChangeLog log;
    private final ChangeCapture capture;
    private final RelayQueue relay;
    private final ChangeShipper shipper;
    private final Database db;
    private final Path backupDir;
    private final ObjectMapper json;

    public ReplicaReceiver(Failover failover, ChangeLog log, ChangeCapture capture, RelayQueue relay,
            ChangeShipper shipper, Database db, Path backupDir, ObjectMapper json) {
        this.shipper = shipper;
        this.failover = failover;
        this.log = log;
        this.capture = capture;
        this.relay = relay;
        this.db = db;
        this.backupDir = backupDir;
        this.json = json;
    }

    /** {@code POST /api/mesh/sync/changes}: apply a batch; 409 with this node's position if it does not fit. */
    public ApiResponse changes(Exchange exchange) throws Exception {
        JsonNode batch = Fields.body(exchange, json);
        String source = Fields.token(batch, "source", "source", true);
        if (Fields.integer(batch, "epoch", "epoch", 0, Integer.MAX_VALUE) == null || !batch.path("after").canConvertToLong()
                || batch.path("after").asLong() < 0 || !batch.path("changes").isArray()) {
            throw HttpProblem.badRequest("a batch has source, epoch, after and changes");
        }
        ApiResponse refused = refuse(source, batch.path("epoch").asLong(), batch);
        if (refused != null) {
            return refused;
        }
        ChangeLog.Position before = log.position();
        if (!source.equals(before.sourceNode())) {
            // A node that followed someone else (or was active itself) keeps what it had not shipped.
            relay.salvageUnshipped();
        }
        try {
            ChangeLog.Position after = log.apply(batch);
            failover.applied(after.appliedSeq() - before.appliedSeq());
            return ApiResponse.ok(failover.status(after));
        } catch (ChangeLog.OutOfSequence e) {
            return new ApiResponse(409, failover.status(), Map.of());
        } catch (ChangeLog.NotReplicated e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
    }

    /** A snapshot the active node offers: where it comes from, its file, checksum and log position. */
    public record SnapshotOffer(String source, long epoch, String name, String sha256, long position) {
    }

    /**
     * {@code POST /api/mesh/sync/snapshot}: the active node offers its snapshot because this node
     * could not continue from its log. Returns the checked offer, which the route downloads and
     * hands to {@link #installSnapshot}, or this node's refusal (409 with its state).
     */
    public Object snapshotOffered(Exchange exchange) throws Exception {
        JsonNode offer = Fields.body(exchange, json);
        String source = Fields.token(offer, "source", "source", true);
        long epoch = Fields.required(Fields.integer(offer, "epoch", "epoch", 0, Integer.MAX_VALUE), "epoch");
        String sha256 = Fields.text(offer, "sha256", "sha256", true, 64);
        ApiResponse refused = refuse(source, epoch, offer);
        if (refused != null) {
            return refused;
        }
        String name = offer.path("name").asText();
        if (!SNAPSHOT_NAME.matcher(name).matches()) {
            throw HttpProblem.invalidField("name", "not a snapshot file name");
        }
        return new SnapshotOffer(source, epoch, name, sha256, offer.path("position").asLong());
    }

    /**
     * The downloaded snapshot: verified (checksum, integrity) before it replaces anything; what
     * this node had accepted and not shipped is set aside for relaying first.
     */
    public ApiResponse installSnapshot(@ExchangeProperty("snapshotOffer") SnapshotOffer offer, Exchange exchange)
            throws Exception {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null || status != 200) {
            throw new HttpProblem(502, "download_failed", "the peer did not serve the snapshot: " + status);
        }
        relay.salvageUnshipped();
        PrivateFiles.directory(backupDir);
        Path received = Files.createTempFile(backupDir, "received-", ".db.gz");
        Path unpacked = Files.createTempFile(backupDir, "received-", ".db");
        try (InputStream body = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            try (OutputStream out = PrivateFiles.newOutputStream(received)) {
                body.transferTo(out);
            }
            Snapshots.unpackVerified(received, offer.sha256(), unpacked);
            db.replaceWith(unpacked);
        } catch (SnapshotInvalidException e) {
            throw new HttpProblem(502, "snapshot_invalid", "snapshot refused: " + e.getMessage());
        } finally {
            Files.deleteIfExists(received);
            Files.deleteIfExists(unpacked);
        }
        long position = offer.position();
        capture.install();
        capture.capture(true);
        log.follow(offer.source(), position);
        failover.applied(1);
        LOG.info("event=replication.snapshot-installed position={}", position);
        return ApiResponse.ok(failover.status());
    }

    /** {@code GET /api/mesh/sync/snapshots/{name}}: the gzip file itself. */
    public void download(Exchange exchange) throws Exception {
        String name = exchange.getMessage().getHeader("name", String.class);
        Path file = name == null || !SNAPSHOT_NAME.matcher(name).matches() ? null : backupDir.resolve(name);
        if (file == null || !Files.isRegularFile(file)) {
            throw HttpProblem.notFound("no such snapshot");
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/gzip");
        exchange.getMessage().setBody(Files.readAllBytes(file));
    }

    /** {@code POST /api/mesh/failover/takeover}: the active peer released the role; take it. */
    public ApiResponse takeOver(Exchange exchange) throws Exception {
        JsonNode request = Fields.body(exchange, json);
        String source = Fields.token(request, "node", "node", true);
        if (Fields.integer(request, "epoch", "epoch", 0, Integer.MAX_VALUE) == null
                || !request.path("lastSeq").canConvertToLong() || request.path("lastSeq").asLong() < 0) {
            throw HttpProblem.badRequest("a take-over names the releasing node, its epoch and its lastSeq");
        }
        try {
            failover.requireCaughtUp(source, request.path("lastSeq").asLong());
            // The peer follows this node's log from here (before the consumers start writing to it).
            long from = log.lastSeq();
            shipper.peerFollowsFrom(from);
            failover.takeOver(request.path("epoch").asLong());
            Map<String, Object> status = new java.util.LinkedHashMap<>(failover.status());
            status.put("followFrom", from);
            return ApiResponse.ok(status);
        } catch (IllegalStateException e) {
            throw HttpProblem.conflict(e.getMessage());
        }
    }

    /**
     * A sender behind this node's epoch, or a call to a node that is itself active, is answered
     * 409 with this node's state (the sender learns the epoch from it and fences itself); a
     * sender ahead of this node's epoch fences it first. Null: go ahead.
     */
    private ApiResponse refuse(String source, long epoch, JsonNode call) {
        failover.learnEpoch(epoch, "peer " + source);
        failover.checkKey(source, call.path("keyFingerprint").asText(null));
        // Rows under another key could never be read here: the answer carries this node's fingerprint, the sender stops.
        if (epoch < failover.epoch() || failover.active() || failover.keyMismatch()) {
            return new ApiResponse(409, failover.status(), Map.of());
        }
        return null;
    }
}
