package io.conciergehub.reservation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;

/**
 * A mail's body as lines of text: the plain-text part split into lines, or the HTML part read with
 * jsoup (never with regular expressions): a table row of two cells becomes "label: value", every
 * other block (paragraph, list item, heading, div without blocks inside) becomes a line of its own.
 */
final class MailLines {

    private static final Set<String> BLOCKS = Set.of("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "td", "th",
            "dt", "dd", "address", "blockquote", "pre");
    /** A line break inside a block, kept through jsoup's whitespace normalisation of text(). */
    private static final String BREAK = "\u2028";

    private MailLines() {
    }

    /** The HTML part's lines when {@code preferHtml} and there is one, else the text part's; either if only one exists. */
    static List<String> of(ReservationMail mail, boolean preferHtml) {
        boolean hasText = mail.textBody() != null && !mail.textBody().isBlank();
        boolean hasHtml = mail.htmlBody() != null && !mail.htmlBody().isBlank();
        if (hasHtml && (preferHtml || !hasText)) {
            return ofHtml(mail.htmlBody());
        }
        return hasText ? ofText(mail.textBody()) : List.of();
    }

    static List<String> ofText(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String clean = line.replace('\u00a0', ' ').strip();
            if (!clean.isEmpty()) {
                lines.add(clean);
            }
        }
        return lines;
    }

    static List<String> ofHtml(String html) {
        Document document = Jsoup.parse(html);
        document.select("script, style, head").remove();
        document.select("br").forEach(br -> br.replaceWith(new TextNode(BREAK)));
        List<String> lines = new ArrayList<>();
        walk(document.body(), lines);
        return lines;
    }

    /**
     * Adds the element's lines; tells whether it held a block (one pass, children first: a block
     * with no block inside is a line of its own, a two-cell row with no table inside a "label: value").
     */
    private static boolean walk(Element element, List<String> lines) {
        if (element.tagName().equals("tr")) {
            Elements cells = new Elements();
            for (Element child : element.children()) {
                if (child.tagName().equals("td") || child.tagName().equals("th")) {
                    cells.add(child);
                }
            }
            if (cells.size() == 2 && cells.get(0).getElementsByTag("table").isEmpty()
                    && cells.get(1).getElementsByTag("table").isEmpty()) {
                String label = clean(cells.get(0).text().replace(BREAK, " "));
                String value = clean(cells.get(1).text().replace(BREAK, " "));
                if (!label.isEmpty()) {
                    lines.add(label.endsWith(":") ? label + " " + value : label + ": " + value);
                }
                return true;
            }
        }
        int before = lines.size();
        boolean blockInside = false;
        for (Element child : element.children()) {
            blockInside |= walk(child, lines);
        }
        boolean block = BLOCKS.contains(element.tagName()) || element.tagName().equals("tr")
                || element.tagName().equals("table");
        if (BLOCKS.contains(element.tagName()) && !blockInside) {
            lines.subList(before, lines.size()).clear();
            for (String part : element.text().split(BREAK)) {
                String text = clean(part);
                if (!text.isEmpty()) {
                    lines.add(text);
                }
            }
        }
        return block || blockInside;
    }

    private static String clean(String text) {
        return text.replace('\u00a0', ' ').strip();
    }
}
