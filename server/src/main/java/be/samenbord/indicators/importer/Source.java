package be.samenbord.indicators.importer;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The file being read and where its data goes: {@code file} names it in errors, {@code zone} is the
 * time zone given at upload (null if none), {@code dateHint} the day a single-day document without
 * a date of its own is about (the upload's {@code date}, or a date in the zip entry's name).
 */
record Source(String file, Accumulator acc, ZoneId zone, LocalDate dateHint) {

    Source forFile(String name, LocalDate hint) {
        return new Source(name, acc, zone, hint != null ? hint : dateHint);
    }

    /**
     * The local wall-clock time of a timestamp: its own offset says where the person was, except
     * for UTC ("Z"), which usually just means "not said", so the upload's zone decides then.
     */
    LocalDateTime local(OffsetDateTime t) {
        if (t.getOffset().equals(ZoneOffset.UTC) && zone != null) return LocalDateTime.ofInstant(t.toInstant(), zone);
        return t.toLocalDateTime();
    }

    /** A date in a file name ({@code ...-2023-04-01.json}), or null. */
    static LocalDate dateInName(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{4}-\\d{2}-\\d{2})").matcher(name);
        LocalDate found = null;
        while (m.find()) found = Dates.date(m.group(1));
        return found;
    }
}
