package io.conciergehub.watchers;

import java.util.Map;

/**
 * A watcher's notice to one guest, composed and waiting in the guest's batch: it travels as JSON
 * through the aggregation repository, so it holds only text.
 *
 * @param subject   what it is about (a flight on a day, a weather alert): a later notice on the same
 *                  subject in the batch replaces an earlier one
 * @param text      the message in the guest's language
 * @param template  the template outside the 24-hour window (name or id; empty: held for staff)
 * @param fields    the template's custom fields
 */
public record Notice(long guestId, String subject, String text, String language, String template,
        String templateLanguage, Map<String, String> fields) {
}
