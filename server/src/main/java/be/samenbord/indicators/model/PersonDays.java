package be.samenbord.indicators.model;

import java.time.LocalDate;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/** One person's consent and days, as the aggregation reads them (never shown to anyone else). */
public record PersonDays(Consent consent, NavigableMap<LocalDate, Day> days) {

    public PersonDays {
        days = Collections.unmodifiableNavigableMap(new TreeMap<>(days));
    }
}
