package io.conciergehub.reservation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels of a confirmation's "label: value" lines in English, Italian, German, French and
 * Spanish, each with its language (null for labels every language uses, like "Check-in"). Labels
 * are compared lower-case and whole ("Arrival flight" is not "Arrival"); the first one listed that a
 * mail has wins, so the more specific come first.
 */
enum Label {
    REFERENCE(
            "en", "booking number", "booking reference", "reservation number", "reservation id", "booking id",
            "confirmation number", "confirmation code", "itinerary number", "reference",
            "it", "numero prenotazione", "numero di prenotazione", "codice prenotazione", "id prenotazione", "riferimento",
            "de", "buchungsnummer", "buchungs-id", "reservierungsnummer", "reiseplannummer", "referenz",
            "fr", "numéro de réservation", "code de confirmation", "référence",
            "es", "número de reserva", "numero de reserva", "localizador", "referencia"),
    GUEST(
            "en", "guest name", "guest", "full name", "name", "booker",
            "it", "nome ospite", "nome dell'ospite", "ospite", "nome e cognome", "nome completo", "intestatario",
            "de", "name des gastes", "gastname", "gast", "vollständiger name",
            "fr", "nom du client", "client", "voyageur", "nom complet",
            "es", "nombre del huésped", "huésped", "huesped", "nombre completo", "cliente"),
    FIRST_NAME(
            "en", "first name",
            "it", "nome",
            "de", "vorname",
            "fr", "prénom", "prenom",
            "es", "nombre"),
    LAST_NAME(
            "en", "last name", "surname", "family name",
            "it", "cognome",
            "de", "nachname",
            "fr", "nom",
            "es", "apellidos", "apellido"),
    EMAIL(
            null, "email", "e-mail",
            "en", "email address", "e-mail address",
            "it", "indirizzo email", "indirizzo e-mail",
            "de", "e-mail-adresse",
            "fr", "adresse e-mail", "adresse email", "courriel",
            "es", "correo electrónico", "correo electronico", "correo"),
    PHONE(
            "en", "phone", "phone number", "telephone", "mobile",
            "it", "telefono", "cellulare", "numero di telefono",
            "de", "telefon", "telefonnummer", "handy", "mobil",
            "fr", "téléphone", "telephone", "portable",
            "es", "teléfono", "telefono", "móvil", "movil"),
    ARRIVAL(
            "en", "arrival", "arrival date",
            null, "check-in", "check in", "checkin",
            "it", "arrivo", "data di arrivo", "data arrivo",
            "de", "anreise", "anreisedatum", "ankunft",
            "fr", "arrivée", "date d'arrivée", "date d’arrivée",
            "es", "llegada", "fecha de llegada", "entrada", "fecha de entrada"),
    DEPARTURE(
            "en", "departure", "departure date",
            null, "check-out", "check out", "checkout",
            "it", "partenza", "data di partenza", "data partenza",
            "de", "abreise", "abreisedatum",
            "fr", "départ", "date de départ",
            "es", "salida", "fecha de salida"),
    ADULTS(
            "en", "adults", "number of adults",
            "it", "adulti",
            "de", "erwachsene",
            "fr", "adultes",
            "es", "adultos"),
    CHILDREN(
            "en", "children", "kids",
            "it", "bambini",
            "de", "kinder",
            "fr", "enfants",
            "es", "niños", "ninos"),
    GUESTS(
            "en", "guests", "number of guests", "persons", "people", "travellers", "travelers", "occupancy",
            "it", "ospiti", "persone", "numero ospiti", "numero di ospiti",
            "de", "gäste", "personen", "anzahl gäste", "belegung",
            "fr", "voyageurs", "personnes", "nombre de personnes",
            "es", "huéspedes", "huespedes", "personas", "número de personas"),
    ROOM(
            "en", "room", "room type", "apartment", "unit", "listing",
            "it", "camera", "tipo di camera", "appartamento", "alloggio",
            "de", "zimmer", "zimmertyp", "wohnung", "apartment", "unterkunft",
            "fr", "chambre", "type de chambre", "appartement", "logement",
            "es", "habitación", "habitacion", "tipo de habitación", "apartamento", "alojamiento"),
    NOTES(
            "en", "notes", "remarks", "special requests", "message", "comments",
            "it", "note", "richieste speciali", "messaggio", "commenti",
            "de", "anmerkungen", "bemerkungen", "nachricht", "besondere wünsche",
            "fr", "remarques", "demandes spéciales", "message", "commentaires",
            "es", "notas", "observaciones", "peticiones especiales", "comentarios", "mensaje"),
    LANGUAGE(
            "en", "language", "guest language", "preferred language", "guest's language",
            "it", "lingua", "lingua dell'ospite", "lingua ospite",
            "de", "sprache", "sprache des gastes",
            "fr", "langue", "langue du client",
            "es", "idioma", "idioma del huésped");

    /** Label → its language (null: any), in the order listed. */
    private final Map<String, String> labels = new LinkedHashMap<>();
    /** The labels in order, listed once: every field of every mail asks for them. */
    private final List<String> labelList;

    Label(String... languagesAndLabels) {
        String language = null;
        for (String item : languagesAndLabels) {
            if (item == null || item.length() == 2) {
                language = item;
            } else {
                labels.putIfAbsent(item, language);
            }
        }
        labelList = List.copyOf(labels.keySet());
    }

    List<String> labels() {
        return labelList;
    }

    /** The language of a label ("it" for "arrivo"), null if any language uses it or it is not this field's. */
    String languageOf(String label) {
        return labels.get(label);
    }
}
