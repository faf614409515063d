package io.conciergehub.ops;

import io.conciergehub.store.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Header;

/**
 * API keys for every non-webhook endpoint, presented as {@code X-API-Key} or
 * {@code Authorization: Bearer}. Only SHA-256 hashes are kept in memory and on disk; comparison is
 * constant-time. With no {@code concierge.api-keys}, a key is generated at first start, its hash
 * stored in {@code <data-dir>/api-key.sha256}, and the key printed once on the console.
 *
 * <p>A configured key may be limited to scopes with {@code key:scope1+scope2}; a key without
 * scopes, and the generated key, hold them all. Requests are identified in logs and the audit
 * table by the key's id (the first 8 hex digits of its SHA-256), never by the key.
 */
public final class ApiKeys {

    static final String HASH_FILE = "api-key.sha256";

    /** What a key may do. {@code admin} includes every other scope. */
    public enum Scope {
        COMMANDS, EVENTS, READ, SYNC, ADMIN;

        public static Scope of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown API key scope '" + name.trim()
                        + "' (known: commands, events, read, sync, admin)");
            }
        }
    }

    /** The holder of a valid key. */
    public record Caller(String keyId, Set<Scope> scopes) {
        public boolean may(Scope scope) {
            return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
        }
    }

    private record Entry(byte[] hash, Caller caller) {
    }

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = entries;
    }

    public static ApiKeys fromConfiguredOrGenerated(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return new ApiKeys(Arrays.stream(configured.split(",")).map(String::trim).filter(k -> !k.isEmpty())
                    .map(ApiKeys::configuredEntry).toList());
        }
        Path file = dataDir.resolve(HASH_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                String key = "chk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                PrivateFiles.directory(dataDir);
                PrivateFiles.write(file, (HexFormat.of().formatHex(sha256(key)) + "\n").getBytes(StandardCharsets.US_ASCII),
                        StandardOpenOption.CREATE_NEW);
                // Printed once, on the console only (never to the log): it cannot be shown again.
                System.out.println("\n  Concierge Hub API key (shown once; only its hash is stored in " + file + "):\n\n    "
                        + key + "\n");
            }
            return new ApiKeys(Files.readAllLines(file).stream().map(String::trim).filter(l -> !l.isEmpty())
                    .map(HexFormat.of()::parseHex).map(hash -> entry(hash, EnumSet.allOf(Scope.class))).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    private static Entry configuredEntry(String configured) {
        int colon = configured.lastIndexOf(':');
        if (colon < 0) {
            return entry(sha256(configured), EnumSet.allOf(Scope.class));
        }
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String scope : configured.substring(colon + 1).split("\\+")) {
            scopes.add(Scope.of(scope));
        }
        return entry(sha256(configured.substring(0, colon).trim()), scopes);
    }

    private static Entry entry(byte[] hash, Set<Scope> scopes) {
        return new Entry(hash, new Caller(HexFormat.of().formatHex(hash, 0, 4), Set.copyOf(scopes)));
    }

    /** The key's holder, if the key is valid. Every known key is compared, in constant time. */
    public Optional<Caller> identify(String presented) {
        if (presented == null || presented.isBlank()) {
            return Optional.empty();
        }
        byte[] hash = sha256(presented.trim());
        Caller found = null;
        for (Entry known : entries) {
            if (MessageDigest.isEqual(known.hash(), hash)) { // no early exit: timing tells nothing
                found = known.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The holder of the key the request carries in either header. */
    public Optional<Caller> authenticate(@Header("X-API-Key") String apiKey, @Header("Authorization") String authorization) {
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7) : null;
        Optional<Caller> byHeader = identify(apiKey);
        return byHeader.isPresent() ? byHeader : identify(bearer);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
