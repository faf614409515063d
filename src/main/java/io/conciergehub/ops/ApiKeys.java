package io.conciergehub.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.apache.camel.Header;

/**
 * API keys for every non-webhook endpoint, presented as {@code X-API-Key} or
 * {@code Authorization: Bearer}. Only SHA-256 hashes are kept in memory and on disk; comparison is
 * constant-time. With no {@code concierge.api-keys}, a key is generated at first start, its hash
 * stored in {@code <data-dir>/api-key.sha256}, and the key printed once on the console.
 */
public final class ApiKeys {

    static final String HASH_FILE = "api-key.sha256";

    private final List<byte[]> hashes;

    private ApiKeys(List<byte[]> hashes) {
        this.hashes = hashes;
    }

    public static ApiKeys fromConfiguredOrGenerated(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return new ApiKeys(Arrays.stream(configured.split(",")).map(String::trim).filter(k -> !k.isEmpty())
                    .map(ApiKeys::sha256).toList());
        }
        Path file = dataDir.resolve(HASH_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                String key = "chk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                Files.createDirectories(dataDir);
                Files.writeString(file, HexFormat.of().formatHex(sha256(key)) + "\n");
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: inherits the data directory's ACL
                }
                // Printed once, on the console only (never to the log): it cannot be shown again.
                System.out.println("\n  Concierge Hub API key (shown once; only its hash is stored in " + file + "):\n\n    "
                        + key + "\n");
            }
            return new ApiKeys(Files.readAllLines(file).stream().map(String::trim).filter(l -> !l.isEmpty())
                    .map(HexFormat.of()::parseHex).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    public boolean isValid(String presented) {
        if (presented == null || presented.isBlank()) {
            return false;
        }
        byte[] hash = sha256(presented.trim());
        boolean match = false;
        for (byte[] known : hashes) {
            match |= MessageDigest.isEqual(known, hash); // no early exit: timing tells nothing
        }
        return match;
    }

    /** Whether the request carries a valid key in either header. */
    public boolean authorized(@Header("X-API-Key") String apiKey, @Header("Authorization") String authorization) {
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7) : null;
        return isValid(apiKey) || isValid(bearer);
    }

    /** For routes: 401 unless the request carries a valid key. */
    public void require(@Header("X-API-Key") String apiKey, @Header("Authorization") String authorization) {
        if (!authorized(apiKey, authorization)) {
            throw HttpProblem.unauthorized("a valid API key is required (X-API-Key or Authorization: Bearer)");
        }
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
