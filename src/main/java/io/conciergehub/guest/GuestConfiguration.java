package io.conciergehub.guest;

import io.conciergehub.store.FieldCrypto;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** Guests and their bookings, as every flow reads and writes them. */
public class GuestConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public GuestRepository guestRepository(FieldCrypto crypto) {
        return new GuestRepository(crypto);
    }

    @BindToRegistry(lazy = true)
    public BookingRepository bookingRepository(GuestRepository guests) {
        return new BookingRepository(guests);
    }
}
