package io.conciergehub.api;

import io.conciergehub.store.ConfigurationException;
import io.conciergehub.store.Digests;
import io.conciergehub.store.Hmac;
import io.conciergehub.store.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * API keys for every non-webhook endpoint, presented as {@code X-API-Key} or
 * {@code Authorization: Bearer}. Only SHA-256 hashes are kept in memory and on disk; comparison is
 * constant-time. With no {@code concierge.api-keys}, a key is generated at first start, its hash
 * stored in {@code <data-dir>/api-key.sha256}, and the key printed once on the console.
 *
 * <p>A configured key may be limited to scopes with {@code key:scope1+scope2}; a key without
 * scopes, and the generated key, hold every scope but {@code peer}. The {@code peer} scope is
 * never implied: only a key that names it alone ({@code key:peer}) signs the peer node's calls.
 * Keys are at least {@value #MIN_LENGTH} characters; an entry that cannot be read one way only
 * (too short, an unknown or empty scope, a key given twice) stops the start. Requests are
 * identified in logs and the audit table by the key's id (the first 8 hex digits of its SHA-256),
 * never by the key.
 */
public final class ApiKeys {

    static final String HASH_FILE = "api-key.sha256";
    public static final int MIN_LENGTH = 24;
    private static final String SETTING = "concierge.api-keys";

    /** What a key may do. {@code admin} includes every other scope but {@code peer}. */
    public enum Scope {
        COMMANDS, EVENTS, READ, SYNC, ADMIN, PEER;

        /** The scopes of a key that names none. */
        static final Set<Scope> UNLIMITED = EnumSet.complementOf(EnumSet.of(PEER));

        public static Scope of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown API key scope '" + name.trim()
                        + "' (known: commands, events, read, sync, admin, peer)");
            }
        }
    }

    /** The holder of a valid key. */
    public record Caller(String keyId, Set<Scope> scopes) {
        public boolean may(Scope scope) {
            return scopes.contains(scope) || scope != Scope.PEER && scopes.contains(Scope.ADMIN);
        }
    }

    // signatures: the HMAC a peer signs its calls with, keyed with the hash (see verifySignature)
    private record Entry(byte[] hash, Caller caller, Hmac signatures) {
    }

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = entries;
    }

    public static ApiKeys fromConfiguredOrGenerated(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return new ApiKeys(configuredEntries(configured));
        }
        Path file = dataDir.resolve(HASH_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                String key = "chk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                PrivateFiles.directory(dataDir);
                PrivateFiles.write(file, (Digests.sha256Hex(key) + "\n").getBytes(StandardCharsets.US_ASCII),
                        StandardOpenOption.CREATE_NEW);
                // Printed once, on the console only (never to the log): it cannot be shown again.
                System.out.println("\n  Concierge Hub API key (shown once; only its hash is stored in " + file + "):\n\n    "
                        + key + "\n");
            }
            return new ApiKeys(Files.readAllLines(file).stream().map(String::trim).filter(l -> !l.isEmpty())
                    .map(HexFormat.of()::parseHex).map(hash -> entry(hash, Scope.UNLIMITED)).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    /** Every entry of the setting, or a refusal that names the entry by position, never by its text. */
    private static List<Entry> configuredEntries(String configured) {
        String[] items = configured.split(",", -1);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            String position = SETTING + ": entry " + (i + 1) + " of " + items.length;
            try {
                Entry entry = configuredEntry(items[i].trim());
                if (entries.stream().anyMatch(known -> MessageDigest.isEqual(known.hash(), entry.hash()))) {
                    throw new IllegalArgumentException("repeats an earlier key");
                }
                entries.add(entry);
            } catch (IllegalArgumentException unclear) {
                throw new ConfigurationException(position + " " + unclear.getMessage()
                        + " (format: key or key:scope+scope, entries separated by commas)");
            }
        }
        return entries;
    }

    private static Entry configuredEntry(String configured) {
        int colon = configured.indexOf(':');
        String key = (colon < 0 ? configured : configured.substring(0, colon)).trim();
        if (key.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("is a key of " + key.length() + " characters; keys need at least "
                    + MIN_LENGTH);
        }
        if (colon < 0) {
            return entry(Digests.sha256(key), Scope.UNLIMITED);
        }
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String scope : configured.substring(colon + 1).split("\\+", -1)) {
            if (scope.isBlank()) {
                throw new IllegalArgumentException("has an empty scope");
            }
            scopes.add(Scope.of(scope));
        }
        if (scopes.contains(Scope.PEER) && scopes.size() > 1) {
            throw new IllegalArgumentException("combines peer with other scopes; the peer's key holds peer alone");
        }
        return entry(Digests.sha256(key), scopes);
    }

    private static Entry entry(byte[] hash, Set<Scope> scopes) {
        return new Entry(hash, new Caller(HexFormat.of().formatHex(hash, 0, 4), Set.copyOf(scopes)), new Hmac(hash));
    }

    /** Whether some key holds {@code scope} (a pair needs a key with the peer scope for its peer's calls). */
    public boolean anyWith(Scope scope) {
        return entries.stream().anyMatch(entry -> entry.caller().scopes().contains(scope));
    }

    /**
     * The holder of the {@code scope} key under which {@code signature} is the HMAC-SHA256 of the
     * payload (its parts one after the other), keyed with the SHA-256 of the key: the signer holds
     * the key, this node its hash. Every such key is tried, in constant time.
     */
    public Optional<Caller> verifySignature(Scope scope, byte[] signature, byte[]... payload) {
        Caller found = null;
        for (Entry known : entries) {
            if (known.caller().scopes().contains(scope)
                    && MessageDigest.isEqual(known.signatures().of(payload), signature)) {
                found = known.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    /** What signs the payloads that {@link #verifySignature} accepts under {@code key}. */
    public static Hmac signer(String key) {
        return new Hmac(Digests.sha256(key.trim()));
    }

    /** The key's holder, if the key is valid. Every known key is compared, in constant time. */
    public Optional<Caller> identify(String presented) {
        if (presented == null || presented.isBlank()) {
            return Optional.empty();
        }
        byte[] hash = Digests.sha256(presented.trim());
        Caller found = null;
        for (Entry known : entries) {
            if (MessageDigest.isEqual(known.hash(), hash)) { // no early exit: timing tells nothing
                found = known.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The holder of the key the request carries in either header. */
    public Optional<Caller> authenticate(String apiKey, String authorization) {
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7) : null;
        Optional<Caller> byHeader = identify(apiKey);
        return byHeader.isPresent() ? byHeader : identify(bearer);
    }
}
