package be.samenbord.workshop;

import java.util.Locale;

/** What a token lets its holder do in one workshop (rule AU-2). */
public enum Role {
    FACILITATOR, PARTICIPANT, OBSERVER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean canWrite() {
        return this != OBSERVER;
    }
}
