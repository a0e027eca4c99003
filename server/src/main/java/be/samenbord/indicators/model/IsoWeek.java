package be.samenbord.indicators.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An ISO 8601 week, written {@code YYYY-Www} (weeks start on Monday). */
public record IsoWeek(int year, int week) implements Comparable<IsoWeek> {

    private static final Pattern FORM = Pattern.compile("(\\d{4})-W(\\d{2})");

    public IsoWeek {
        if (week < 1 || week > 53) throw new IllegalArgumentException("ISO week numbers run from 1 to 53");
        if (week == 53 && LocalDate.of(year, 12, 28).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) != 53) {
            throw new IllegalArgumentException(year + " has no week 53");
        }
    }

    public static IsoWeek of(LocalDate date) {
        return new IsoWeek(date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** Parses {@code 2026-W05}; throws IllegalArgumentException otherwise. */
    public static IsoWeek parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) throw new IllegalArgumentException("a week looks like 2026-W05");
        return new IsoWeek(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public LocalDate monday() {
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
    }

    public LocalDate sunday() {
        return monday().plusDays(6);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(monday()) && !date.isAfter(sunday());
    }

    public IsoWeek minus(int weeks) {
        return of(monday().minusWeeks(weeks));
    }

    public IsoWeek plus(int weeks) {
        return of(monday().plusWeeks(weeks));
    }

    public IsoWeek previous() {
        return minus(1);
    }

    @Override
    public int compareTo(IsoWeek o) {
        return year != o.year ? Integer.compare(year, o.year) : Integer.compare(week, o.week);
    }

    @Override
    public String toString() {
        return String.format("%04d-W%02d", year, week);
    }
}
