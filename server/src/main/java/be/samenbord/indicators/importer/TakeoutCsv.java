package be.samenbord.indicators.importer;

import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * Takeout's CSV files (IND-5, IND-6): {@code Daily Heart Rate Variability Summary*.csv}
 * ({@code timestamp,rmssd,nremhr,entropy}; an {@code rmssd} of 0.0 means none),
 * {@code Daily SpO2*.csv} ({@code timestamp,average_value,lower_bound,upper_bound}) and, for its
 * {@code timezone} column only, {@code Profile.csv}.
 */
final class TakeoutCsv {

    private TakeoutCsv() {
    }

    static void read(InputStream in, Claim claim, Source s) throws IOException {
        Csv csv = new Csv(in, s.file());
        List<String> header = csv.header();
        if (header == null) return;
        switch (claim) {
            case HRV_CSV -> daily(csv, header, claim, s, "rmssd");
            case SPO2_CSV -> daily(csv, header, claim, s, "average_value");
            case PROFILE_CSV -> profile(csv, header, s);
            default -> throw new IllegalArgumentException("not a CSV claim: " + claim);
        }
    }

    private static void daily(Csv csv, List<String> header, Claim claim, Source s, String column) throws IOException {
        boolean[] keep = Csv.columns(header, s.file(), claim.label(), "timestamp", column);
        int at = header.indexOf("timestamp");
        int v = header.indexOf(column);
        for (List<String> r = csv.next(keep); r != null; r = csv.next(keep)) {
            if (r.size() <= Math.max(at, v)) continue; // a trailing empty line
            String text = r.get(v) == null ? "" : r.get(v).strip();
            if (text.isEmpty()) continue;
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw ImportFailure.malformed(s.file(), column + " is not a number");
            }
            if (claim == Claim.HRV_CSV) s.acc().hrv(Dates.date(r.get(at)), value);
            else s.acc().spo2(Dates.date(r.get(at)), value);
        }
    }

    /** Only the time zone: every other column is skipped unread (IND-5). */
    private static void profile(Csv csv, List<String> header, Source s) throws IOException {
        int at = header.indexOf("timezone");
        if (at < 0) return;
        boolean[] keep = new boolean[header.size()];
        keep[at] = true;
        List<String> r = csv.next(keep);
        if (r == null || r.size() <= at || r.get(at) == null || r.get(at).isBlank()) return;
        try {
            s.acc().profileZone(ZoneId.of(r.get(at).strip()));
        } catch (DateTimeException e) {
            s.acc().warnings().add("bad_time_zone");
        }
    }
}
