package io.conciergehub.reservation;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.conciergehub.guest.Phones;
import java.util.Locale;

/**
 * A phone number as a booking form writes it, international ("+39 333 000 1234", "0049 170 …") or
 * national ("333 000 1234", "0170 …"), read with the hotel's region for the national ones, then
 * stored the hub's way by {@link Phones#normalize}. A number that cannot exist is an unreadable
 * booking, never a wrong "+" number.
 */
final class RegionalPhones {

    private static final PhoneNumberUtil LIBPHONENUMBER = PhoneNumberUtil.getInstance();

    private final String region;

    RegionalPhones(String region) {
        String upper = region == null ? "" : region.strip().toUpperCase(Locale.ROOT);
        if (!LIBPHONENUMBER.getSupportedRegions().contains(upper)) {
            throw new IllegalArgumentException("not a region libphonenumber knows: " + region);
        }
        this.region = upper;
    }

    String region() {
        return region;
    }

    /** E.164 ("+39333…"), null when the mail gives no number; never the number itself in the reason. */
    String normalize(String raw) throws UnreadableReservation {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String normalized = Phones.normalize(raw, region);
        if (normalized == null) {
            throw new UnreadableReservation("the guest's phone number cannot exist");
        }
        return normalized;
    }
}
