package io.conciergehub.messaging;

import io.conciergehub.store.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** HMAC-SHA256 webhook signatures, compared in constant time. */
public final class Signatures {

    private Signatures() {
    }

    /** The HMAC-SHA256 a provider signs its webhooks with under {@code secret}; null for no secret (not configured). */
    public static Hmac webhookHmac(String secret) {
        return secret == null || secret.isBlank() ? null : new Hmac(secret.getBytes(StandardCharsets.UTF_8));
    }

    public static boolean sameSecret(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code given}, hex in either case, spells {@code expected}; compared in constant time. */
    public static boolean sameHex(byte[] expected, String given) {
        if (given == null || given.length() != 2 * expected.length) {
            return false;
        }
        try {
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(given));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
    }
}
