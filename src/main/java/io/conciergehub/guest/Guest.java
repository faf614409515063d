package io.conciergehub.guest;

/** A guest as the concierge sees one; {@code phone} is decrypted, E.164 with a leading '+'. */
public record Guest(long id, String phone, String name, String language, boolean optedOut,
        boolean needsAttention, Long lastInboundAt) {

    /** The language to write to this guest in: the guest's own once known, else {@code fallback}. */
    public String languageOr(String fallback) {
        return language == null || language.isBlank() ? fallback : language;
    }
}
