package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A phone number written without its country code ("333 000 4455") is read in the hotel's region
 * (the region the parsers are made with, "IT" by default); an international one ("+44 …",
 * "0044 …") is the same whatever the region, a national prefix written after its country code
 * ("+49 (0)170 …") dropped. Either way the stored form is the hub's E.164.
 */
class NationalPhoneNumbersUseTheHotelsRegionTest {

    @Test
    void anItalianHotelReadsANationalMobileAsItalian() throws UnreadableReservation {
        assertThat(phoneOf(new ReservationParsers("IT"), "333 000 4455")).isEqualTo("+393330004455");
        assertThat(phoneOf(new ReservationParsers("IT"), "333-000-4455")).isEqualTo("+393330004455");
    }

    @Test
    void aGermanHotelReadsTheSameKindOfNumberAsGerman() throws UnreadableReservation {
        assertThat(phoneOf(new ReservationParsers("DE"), "0170 0001234")).isEqualTo("+491700001234");
        assertThat(phoneOf(new ReservationParsers("DE"), "030 23125456")).isEqualTo("+493023125456");
    }

    @Test
    void theRegionDecidesWhatANationalNumberMeans() throws UnreadableReservation {
        String spanishMobile = "600 000 123";
        assertThat(phoneOf(new ReservationParsers("ES"), spanishMobile)).isEqualTo("+34600000123");
        assertThat(phoneOf(new ReservationParsers("FR"), "06 12 34 56 78")).isEqualTo("+33612345678");
    }

    @Test
    void internationalNumbersDoNotDependOnTheRegion() throws UnreadableReservation {
        for (String region : new String[] {"IT", "DE", "FR", "ES", "GB"}) {
            ReservationParsers parsers = new ReservationParsers(region);
            assertThat(phoneOf(parsers, "+44 7700 900123")).as(region).isEqualTo("+447700900123");
            assertThat(phoneOf(parsers, "+1 (202) 555-0199")).as(region).isEqualTo("+12025550199");
        }
        // "00" is the international prefix in Italy (and most of Europe)
        assertThat(phoneOf(new ReservationParsers("IT"), "0044 7700 900123")).isEqualTo("+447700900123");
    }

    @Test
    void aNationalPrefixWrittenAfterTheCountryCodeIsDropped() throws UnreadableReservation {
        // WhatsApp reports these guests as 491700001234 and 447700900123: the same guests.
        for (String region : new String[] {"IT", "DE", "GB"}) {
            ReservationParsers parsers = new ReservationParsers(region);
            assertThat(phoneOf(parsers, "+49 (0)170 0001234")).as(region).isEqualTo("+491700001234");
            assertThat(phoneOf(parsers, "+44 (0)7700 900123")).as(region).isEqualTo("+447700900123");
            assertThat(phoneOf(parsers, "0049 (0)170 0001234")).as(region).isEqualTo("+491700001234");
        }
        // Italy has no national prefix: the 0 of a landline is part of the number.
        assertThat(phoneOf(new ReservationParsers("DE"), "+39 06 1234 5678")).isEqualTo("+390612345678");
    }

    @Test
    void theDefaultRegionIsItaly() throws UnreadableReservation {
        assertThat(phoneOf(new ReservationParsers(null), "333 000 4455")).isEqualTo("+393330004455");
        assertThat(phoneOf(new ReservationParsers(" "), "333 000 4455")).isEqualTo("+393330004455");
        assertThat(phoneOf(new ReservationParsers("it"), "333 000 4455")).isEqualTo("+393330004455");
    }

    @Test
    void aNumberTooShortForTheRegionIsUnreadable() {
        assertThatThrownBy(() -> phoneOf(new ReservationParsers("IT"), "333 00"))
                .isInstanceOf(UnreadableReservation.class).hasMessageContaining("phone number cannot exist");
    }

    @Test
    void aRegionLibphonenumberDoesNotKnowIsRefusedAtOnce() {
        assertThatThrownBy(() -> new ReservationParsers("XX")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("XX");
    }

    @Test
    void noPhoneIsNotAnError() throws UnreadableReservation {
        assertThat(phoneOf(new ReservationParsers("IT"), null)).isNull();
    }

    private static String phoneOf(ReservationParsers parsers, String phone) throws UnreadableReservation {
        String text = "Booking number: P1\nArrival: 12 Dec 2026\nDeparture: 14 Dec 2026\n"
                + (phone == null ? "" : "Phone: " + phone + "\n");
        return parsers.parse(new ReservationMail("<p@example.com>", "agency@example.com", "Confirmation", text, null)).phone();
    }
}
