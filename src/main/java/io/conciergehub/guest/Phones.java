package io.conciergehub.guest;

import java.util.regex.Pattern;

/** Phone numbers as the hub stores and compares them: E.164, a '+' and digits only. */
public final class Phones {

    private static final Pattern NON_DIGITS = Pattern.compile("[^0-9]");

    private Phones() {
    }

    /** Normalises "+39 333 123-4567", "0039333…" or WhatsApp's "39333…" to "+39333…"; null if no digits. */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = NON_DIGITS.matcher(raw).replaceAll("");
        if (digits.startsWith("00")) {
            digits = digits.substring(2);
        }
        return digits.length() < 6 ? null : "+" + digits;
    }

    /** For logs: "+39*******67". Never log a phone number unmasked. */
    public static String mask(String phone) {
        if (phone == null || phone.length() < 6) {
            return "***";
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 5) + phone.substring(phone.length() - 2);
    }
}
