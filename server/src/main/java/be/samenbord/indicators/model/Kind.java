package be.samenbord.indicators.model;

import java.util.Locale;

/** The kinds of data a person consents to one by one (PROTOCOL.md IND-2). */
public enum Kind {
    SLEEP, ACTIVITY, HEART;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
