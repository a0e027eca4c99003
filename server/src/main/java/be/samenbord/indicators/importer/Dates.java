package be.samenbord.indicators.importer;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Dates and times as exports write them (IND-6): ISO dates, Fitbit's {@code MM/DD/YY} with or
 * without a time, local wall-clock times without an offset, and timestamps with an offset. The
 * per-sample path ({@link #takeoutSecond}) reads characters in place: no object per sample.
 */
final class Dates {

    private static final DateTimeFormatter APPLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");

    private Dates() {
    }

    /** {@code 2023-04-01}, {@code 04/01/23}, {@code 04/01/2023}, or any of them followed by a time; null if none. */
    static LocalDate date(String s) {
        if (s == null) return null;
        s = s.strip();
        try {
            if (s.length() >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-') return LocalDate.parse(s.substring(0, 10));
            if (s.length() >= 8 && s.charAt(2) == '/' && s.charAt(5) == '/') {
                int month = Integer.parseInt(s.substring(0, 2));
                int day = Integer.parseInt(s.substring(3, 5));
                int end = s.indexOf(' ');
                String y = end < 0 ? s.substring(6) : s.substring(6, end);
                int year = y.length() == 2 ? 2000 + Integer.parseInt(y) : Integer.parseInt(y);
                return LocalDate.of(year, month, day);
            }
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
        return null;
    }

    /** A local wall-clock time without offset ({@code 2023-03-31T23:10:30.000} or {@code 04/01/23 07:00:05}). */
    static LocalDateTime localDateTime(String s) {
        if (s == null) return null;
        try {
            if (s.length() >= 19 && s.charAt(10) == 'T') return LocalDateTime.parse(s.length() > 23 ? s.substring(0, 23) : s);
            LocalDate d = date(s);
            int space = s.indexOf(' ');
            if (d == null || space < 0) return null;
            return d.atTime(java.time.LocalTime.parse(s.substring(space + 1).strip()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A timestamp with an offset: ISO ({@code ...-07:00}, {@code ...Z}) or Apple's {@code 2023-04-01 07:50:00 +0200}. */
    static OffsetDateTime offsetDateTime(String s) {
        if (s == null) return null;
        try {
            return s.indexOf('T') > 0 ? OffsetDateTime.parse(s) : OffsetDateTime.parse(s, APPLE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Epoch second of a Takeout per-sample time {@code MM/DD/YY HH:MM:SS} (UTC), read in place; -1
     * when the characters are not one.
     */
    static long takeoutSecond(char[] c, int off, int len) {
        if (len != 17 || c[off + 2] != '/' || c[off + 5] != '/' || c[off + 8] != ' ' || c[off + 11] != ':' || c[off + 14] != ':') {
            return -1;
        }
        int month = two(c, off);
        int day = two(c, off + 3);
        int year = 2000 + two(c, off + 6);
        int h = two(c, off + 9);
        int m = two(c, off + 12);
        int s = two(c, off + 15);
        if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || m > 59 || s > 60) return -1;
        return epochDay(year, month, day) * 86_400L + h * 3600L + m * 60L + s;
    }

    private static int two(char[] c, int i) {
        int a = c[i] - '0';
        int b = c[i + 1] - '0';
        if (a < 0 || a > 9 || b < 0 || b > 9) return 99;
        return a * 10 + b;
    }

    /** Days since 1970-01-01 of a civil date (proleptic Gregorian), without allocating. */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }
}
