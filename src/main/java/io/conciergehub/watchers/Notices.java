package io.conciergehub.watchers;

import io.conciergehub.concierge.KnowledgeBase;
import io.conciergehub.guest.Guest;
import io.conciergehub.guest.GuestRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Composes a watcher's notice to one guest: the knowledge base's {@code notice_*} reply in the
 * guest's language (the hotel's default when unknown), and for outside the guest's 24-hour window
 * the watcher's template with its custom fields.
 */
final class Notices {

    /** A notice's template: its name or id (empty: held for staff outside the window) and language. */
    record Template(String name, String language) {
    }

    private final GuestRepository guests;
    private final KnowledgeBase knowledge;
    private final String defaultLanguage;

    Notices(GuestRepository guests, KnowledgeBase knowledge, String defaultLanguage) {
        this.guests = guests;
        this.knowledge = knowledge;
        this.defaultLanguage = defaultLanguage;
    }

    /**
     * @param subject what it is about (see {@link Notice#subject})
     * @param values  the reply's per-guest placeholders besides {guest_name}
     * @param fields  the template's custom fields besides GUEST_NAME
     * @param lead    text after the reply, as provided (a weather service's own words), or null
     */
    Notice compose(Connection c, long guestId, String subject, String reply, Map<String, String> values, String lead,
            Map<String, String> fields, Template template) throws SQLException {
        Guest guest = guests.findById(c, guestId).orElseThrow();
        String language = guest.languageOr(defaultLanguage);
        String name = guest.name() == null ? "" : guest.name();
        Map<String, String> guestValues = new LinkedHashMap<>(values);
        guestValues.put("guest_name", name);
        String text = knowledge.reply(reply, language, guestValues) + (lead == null ? "" : "\n\n" + lead);
        Map<String, String> templateFields = new LinkedHashMap<>(fields);
        templateFields.put("GUEST_NAME", name);
        return new Notice(guestId, subject, text, language, template.name(), template.language(), templateFields);
    }
}
