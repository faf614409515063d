package io.conciergehub.guest;

/** A guest as the concierge sees one; {@code phone} is decrypted, E.164 with a leading '+'. */
public record Guest(long id, String phone, String name, String language, boolean optedOut,
        boolean needsAttention, Long lastInboundAt) {
}
