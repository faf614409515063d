-- Another channel's number for the same reservation: Smoobu's reference-id (e.g. the Booking.com
-- number) on the booking Smoobu reported first under its own id. A confirmation e-mail or a sync
-- that arrives later with that number as its external id updates this booking instead of creating
-- a second one (guest/BookingRepository.upsert).
ALTER TABLE bookings ADD COLUMN reference TEXT;
CREATE INDEX bookings_reference ON bookings (reference) WHERE reference IS NOT NULL;

-- What the guest wrote with the booking ("arriving late", "a cot please"): sealed like every text a
-- guest wrote (FieldCrypto.seal), shown to staff with the read scope only.
ALTER TABLE bookings ADD COLUMN notes TEXT;
