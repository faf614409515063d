package io.conciergehub.messaging;

import java.util.Locale;

/**
 * Status of a message, ordered so that callbacks arriving out of order never move it backwards:
 * a "delivered" after a "read" is ignored, and a late "failed" cannot undo a delivery.
 */
public enum MessageStatus {
    HELD, QUEUED, SENT, FAILED, DELIVERED, READ, RECEIVED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Statuses a callback may replace with this one (all of lower rank among outbound statuses). */
    public String lowerRanksSqlList() {
        StringBuilder list = new StringBuilder();
        for (MessageStatus s : values()) {
            if (s.ordinal() < ordinal() && s != RECEIVED) {
                list.append(list.isEmpty() ? "" : ",").append('\'').append(s.dbValue()).append('\'');
            }
        }
        return list.toString();
    }
}
