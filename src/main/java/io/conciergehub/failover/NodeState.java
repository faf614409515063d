package io.conciergehub.failover;

import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * What this node keeps for itself in {@code node.db}, apart from the replicated data: its id, the
 * highest epoch it knows, and how much of its own change log the peer has acknowledged. The epoch
 * is written durably before it is acted on, so a node never forgets an epoch it announced.
 */
public final class NodeState {

    private final Database db;
    private final String nodeId;
    // Only this process writes node.db (the re-pair and restore sub-commands refuse to run beside
    // it): read once, then kept here. The lag gauge reads the position per scrape, and every call
    // from the peer checks the pairing.
    private volatile long peerAckedSeq;
    private volatile String pairedPeer;

    public NodeState(Database db) {
        this.db = db;
        this.nodeId = get("node_id").orElseGet(() -> {
            String id = UUID.randomUUID().toString();
            put("node_id", id);
            return id;
        });
        this.peerAckedSeq = get("peer_acked_seq").map(Long::parseLong).orElse(0L);
        this.pairedPeer = get("paired_peer").orElse(null);
    }

    public String nodeId() {
        return nodeId;
    }

    /** {@code node.db}, which also keeps what this node relays to the active one. */
    public Database database() {
        return db;
    }

    public long epoch() {
        return get("epoch").map(Long::parseLong).orElse(0L);
    }

    public void epoch(long epoch) {
        put("epoch", String.valueOf(epoch));
    }

    /** The node id of the peer this node is paired with: learned from its first signed call, then kept. */
    public Optional<String> pairedPeer() {
        return Optional.ofNullable(pairedPeer);
    }

    public void pairWith(String peerNodeId) {
        put("paired_peer", peerNodeId);
        pairedPeer = peerNodeId;
    }

    public void forgetPeer() {
        db.writeDurably(c -> Sql.update(c, "DELETE FROM node_state WHERE name = 'paired_peer'"));
        pairedPeer = null;
    }

    /** This node's own database in the data directory. */
    public static Database open(Path dataDir) {
        return Database.open(dataDir, "node.db", "classpath:db/node", true);
    }

    /** The last sequence number of this node's change log that the peer has applied. */
    public long peerAckedSeq() {
        return peerAckedSeq;
    }

    /** Not synced to disk: after a power cut an older position only makes the salvage look at more. */
    public void peerAckedSeq(long seq) {
        db.write(c -> Sql.update(c, UPSERT, "peer_acked_seq", String.valueOf(seq)));
        peerAckedSeq = seq;
    }

    private Optional<String> get(String name) {
        return db.read(c -> Sql.one(c, "SELECT value FROM node_state WHERE name = ?", row -> row.getString(1), name));
    }

    private static final String UPSERT = "INSERT INTO node_state (name, value) VALUES (?, ?)"
            + " ON CONFLICT (name) DO UPDATE SET value = excluded.value";

    private void put(String name, String value) {
        db.writeDurably(c -> Sql.update(c, UPSERT, name, value));
    }
}
