package io.conciergehub.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conciergehub.store.Database;
import io.conciergehub.store.FieldCrypto;
import io.conciergehub.store.Sql;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A verified source's report takes over an unverified booking with its number only when it is about
 * that booking's guest: a property system's booking 1042 is not the website's 1042 of another guest,
 * and a mail anyone can send, naming a channel's code, does not get the channel's reservation for the
 * guest it made up. A forward of the channel's own confirmation is taken over, by phone or by name,
 * also when the channel writes to a returning guest at an address of this reservation's own.
 */
class AVerifiedReportTakesOverOnlyItsOwnGuestsUnverifiedBookingTest {

    static final LocalDate ARRIVAL = LocalDate.parse("2027-05-10");
    static final LocalDate DEPARTURE = LocalDate.parse("2027-05-13");

    Database db;
    BookingRepository bookings;

    @BeforeEach
    void openDatabase() throws Exception {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 'K');
        FieldCrypto crypto = new FieldCrypto(key);
        db = Database.open(Files.createTempDirectory("takeover-"), true, crypto);
        bookings = new BookingRepository(new GuestRepository(crypto));
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    static Booking report(String source, String number, String name, String phone, LocalDate arrival) {
        return report(source, number, name, phone, null, arrival);
    }

    static Booking report(String source, String number, String name, String phone, String email, LocalDate arrival) {
        return new Booking(source, number, name, phone, email, "en", arrival, arrival == null ? null : DEPARTURE, 2,
                null, null, null, null, null);
    }

    List<String> stored() {
        return db.read(c -> Sql.list(c, "SELECT source || '/' || external_id || '/' || guest_id || '/' || status"
                + " FROM bookings ORDER BY id", row -> row.getString(1)));
    }

    @Test
    void anotherGuestsReportUnderTheSameNumberIsABookingOfItsOwn() {
        db.write(c -> bookings.upsert(c, report("website", "1042", "Ada Example", "+393331234501", ARRIVAL), 1L));
        db.write(c -> bookings.upsert(c, report("pms", "1042", "Bea Example", "+393331234502", ARRIVAL), 2L));

        assertThat(stored()).containsExactly("website/1042/1/confirmed", "pms/1042/2/confirmed");
    }

    @Test
    void aChannelsReportWithoutAPhoneDoesNotJoinTheGuestAMailMadeUp() {
        db.write(c -> bookings.upsert(c, report("generic", "HMXYZ123", "Mallory Example", "+393331234503", ARRIVAL),
                1L));
        // Without a guest of its own, the channel's report is refused (quarantined), as before.
        assertThatThrownBy(() -> db.write(c -> bookings.upsert(c,
                report("airbnb", "HMXYZ123", "Carla Example", null, ARRIVAL), 2L)))
                .isInstanceOf(BookingRepository.MergeRefused.class);

        assertThat(stored()).containsExactly("generic/HMXYZ123/1/confirmed");
    }

    @Test
    void theChannelsOwnReportOfAForwardedBookingTakesItOver() {
        db.write(c -> bookings.upsert(c, report("generic", "4711002233", "Emma Fictional", "+447700900123", ARRIVAL),
                1L));
        db.write(c -> bookings.upsert(c, report("booking.com", "4711002233", "EMMA  Fictional", null, null).cancelled(),
                2L));
        db.write(c -> bookings.upsert(c, report("generic", "4711009999", "Finn Fictional", "+447700900124", ARRIVAL),
                3L));
        db.write(c -> bookings.upsert(c, report("booking.com", "4711009999", "Finn Fictional", "+447700900124",
                DEPARTURE), 4L));

        assertThat(stored()).containsExactly("booking.com/4711002233/1/cancelled", "booking.com/4711009999/2/confirmed");
    }

    @Test
    void aReturningGuestsNewChannelAddressDoesNotKeepTheCancellationOut() {
        // Last year's stay gave the guest the channel's address of then; this year's has a new one.
        db.write(c -> bookings.upsert(c, report("booking.com", "4700000001", "Gina Fictional", "+447700900125",
                "gina.123@guest.booking.example", ARRIVAL.minusYears(1)), 1L));
        db.write(c -> bookings.upsert(c, report("generic", "4711005555", "Gina Fictional", "+447700900125", ARRIVAL),
                2L));
        db.write(c -> bookings.upsert(c, report("booking.com", "4711005555", "Gina Fictional", null,
                "gina.456@guest.booking.example", null).cancelled(), 3L));

        assertThat(stored()).containsExactly("booking.com/4700000001/1/confirmed", "booking.com/4711005555/1/cancelled");
    }
}
