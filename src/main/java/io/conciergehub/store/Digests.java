package io.conciergehub.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one digest the hub uses: of a text, as bytes (to compare secrets in constant time)
 * or as the hex the tables keep (a token's, a request's), and a fresh digest for longer input.
 */
public final class Digests {

    private Digests() {
    }

    /** A new SHA-256 digest, for input given in parts (a file, several fields). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The SHA-256 of a text's UTF-8 bytes. */
    public static byte[] sha256(String text) {
        return sha256().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of a text, as lower-case hex: one way, for comparing later. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }
}
