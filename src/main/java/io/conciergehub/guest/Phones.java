package io.conciergehub.guest;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.regex.Pattern;

/** Phone numbers as the hub stores and compares them: E.164, a '+' and digits only. */
public final class Phones {

    private static final Pattern NON_DIGITS = Pattern.compile("[^0-9]");
    private static final PhoneNumberUtil LIBPHONENUMBER = PhoneNumberUtil.getInstance();
    /** E.164: a country code and the national number, 15 digits at most. */
    private static final int MAX_DIGITS = 15;
    private static final String MEXICAN_MOBILE = "521";

    private Phones() {
    }

    /**
     * Normalises "+39 333 123-4567", "0039333…" or WhatsApp's "39333…" (international, without '+')
     * to "+39333…"; null if that is not a phone number that can exist.
     *
     * <p>It must be a possible number (a known country code and a length that country uses), not
     * merely a "valid" one: validity follows the numbering plans in libphonenumber's metadata,
     * which lags newly opened ranges, and refusing a real guest's message loses it. The stored form
     * is libphonenumber's E.164 of the digits, which is the hub's own "+digits" for every number
     * written without a national prefix, so that guests stored before keep matching; but a national
     * prefix written after the country code, "+49 (0)171 …" or "+44 (0)7700 …", is dropped (kept,
     * the guest would be a second guest beside the one WhatsApp reports as "49171…").
     */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = NON_DIGITS.matcher(raw).replaceAll("");
        if (digits.startsWith("00")) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || digits.length() > MAX_DIGITS) {
            return null;
        }
        String e164 = "+" + digits;
        Optional<PhoneNumber> possible = possible(e164);
        if (possible.isPresent()) {
            // A national prefix written after the country code ("+49 (0)171 …") is not part of the number.
            return LIBPHONENUMBER.format(possible.get(), PhoneNumberUtil.PhoneNumberFormat.E164);
        }
        // WhatsApp still writes Mexican mobiles with the '1' Mexico dropped in 2019 (521…).
        return digits.startsWith(MEXICAN_MOBILE) && possible("+52" + digits.substring(3)).isPresent() ? e164 : null;
    }

    /**
     * The same for a number as a person writes it, national ones ("333 123 4567", "0170 …") read as
     * numbers of {@code region} (the hotel's country, ISO 3166 "IT"); null if it cannot exist.
     *
     * <p>Without "+" or "00" a number is a national one when it is a valid number of the region
     * (written with the region's trunk prefix, Germany's "0", where it has one); otherwise the digits
     * must be a possible international number (WhatsApp's "4917…"). A national number must be valid,
     * not merely possible: a typo in it would otherwise become another country's "+" number.
     */
    public static String normalize(String raw, String region) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String trimmed = raw.strip();
        if (trimmed.startsWith("+") || trimmed.startsWith("00")) {
            return normalize(trimmed);
        }
        PhoneNumber national;
        try {
            national = LIBPHONENUMBER.parse(trimmed, region);
        } catch (NumberParseException notANumber) {
            return null;
        }
        String asNational = normalize(LIBPHONENUMBER.format(national, PhoneNumberUtil.PhoneNumberFormat.E164));
        String asInternational = normalize(trimmed);
        // Where national numbers start with a trunk prefix (Germany's "0"), digits without it are not one.
        String trunk = LIBPHONENUMBER.getNddPrefixForRegion(region, true);
        boolean writtenAsNational = trunk == null || trimmed.startsWith(trunk);
        if (asNational != null && writtenAsNational && LIBPHONENUMBER.isValidNumber(national)) {
            return asNational;
        }
        return asInternational;
    }

    private static Optional<PhoneNumber> possible(String e164) {
        try {
            PhoneNumber number = LIBPHONENUMBER.parse(e164, "ZZ");
            return LIBPHONENUMBER.isPossibleNumberWithReason(number) == ValidationResult.IS_POSSIBLE
                    ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException notANumber) {
            return Optional.empty();
        }
    }

    /** For logs: "+39*******67". Never log a phone number unmasked. */
    public static String mask(String phone) {
        if (phone == null || phone.length() < 6) {
            return "***";
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 5) + phone.substring(phone.length() - 2);
    }
}
