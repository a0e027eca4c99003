package be.samenbord.indicators.importer;

import be.samenbord.indicators.model.Consent;
import be.samenbord.indicators.model.Day;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads one uploaded export into daily summaries (IND-5..IND-7), in one pass over the stream and in
 * memory that does not grow with the samples: a zip (Google Takeout / Google Health, or Apple
 * Health) is read with {@link ZipInputStream}, opening only the entries whose names claim data we
 * use, wherever they sit; a JSON document or Apple's {@code export.xml} is recognised by its
 * content. Nothing is stored here: the caller stores the days in one transaction, or nothing.
 */
public final class ExportReader {

    /** Inflated bytes of opened entries may be at most this many times the zip's bytes (plus a margin). */
    static final long MAX_INFLATION = 200;
    static final int MAX_ENTRIES = 1_000_000;

    private ExportReader() {
    }

    /**
     * @param fileName the upload's file name, if the browser gave one: a bare Takeout file is
     *                 then read as its name claims (and must hold that)
     * @param zone     the person's time zone given at upload (null: the export's profile, else UTC)
     * @param dateHint the day of a single-day document that names none (null if not given)
     */
    public record Request(String fileName, ZoneId zone, LocalDate dateHint, Consent consent, LocalDate today) {
    }

    public record Result(List<Day> days, List<Warnings.Warning> warnings, List<String> filesRead) {
    }

    public static Result read(InputStream upload, Request req) throws IOException {
        Accumulator acc = new Accumulator(req.consent(), req.today());
        String name = req.fileName() == null || req.fileName().isBlank() ? "upload" : req.fileName();
        Source source = new Source(name, acc, req.zone(), req.dateHint() != null ? req.dateHint() : Source.dateInName(name));
        List<String> read = new ArrayList<>();
        BufferedInputStream in = new BufferedInputStream(upload, 64 * 1024);
        int first = sniff(in);
        Claim claim = req.fileName() == null ? null : Claim.of(req.fileName());
        if (first == 'P') {
            zip(in, source, read);
        } else if (claim == Claim.HRV_CSV || claim == Claim.SPO2_CSV) {
            TakeoutCsv.read(in, claim, source);
            read.add(name);
        } else if (first == '<') {
            AppleHealthXml.read(in, source);
            read.add(name);
        } else if (first == '{' || first == '[') {
            JsonImport.read(in, claim != null && claim != Claim.PROFILE_CSV && claim != Claim.APPLE_XML ? claim : null, source);
            read.add(name);
        } else {
            throw new ImportFailure("not_an_export", name, "is not a zip, JSON or Apple Health XML export");
        }
        List<Day> days = acc.finish(req.zone());
        return new Result(days, acc.warnings().list(), read);
    }

    /** A Google Health API page read by the connector: returns its {@code nextPageToken}. */
    public static String page(InputStream in, String label, Accumulator acc, ZoneId zone) throws IOException {
        return JsonImport.read(in, null, new Source(label, acc, zone, null));
    }

    /** The first meaningful character ('P' for a zip), after a byte-order mark and white space. */
    private static int sniff(BufferedInputStream in) throws IOException {
        in.mark(4096);
        try {
            int b = in.read();
            if (b == 'P') {
                int k = in.read();
                return k == 'K' ? 'P' : -1;
            }
            if (b == 0xEF && in.read() == 0xBB && in.read() == 0xBF) b = in.read();
            for (int i = 0; i < 4000 && (b == ' ' || b == '\n' || b == '\r' || b == '\t'); i++) b = in.read();
            return b;
        } finally {
            in.reset();
        }
    }

    private static void zip(InputStream in, Source source, List<String> read) throws IOException {
        Counting raw = new Counting(in);
        ZipInputStream zip = new ZipInputStream(raw);
        long inflated = 0;
        int entries = 0;
        try {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (++entries > MAX_ENTRIES) throw new ImportFailure("too_large", source.file(), "has more than " + MAX_ENTRIES + " entries");
                if (e.isDirectory()) continue;
                Claim claim = Claim.of(e.getName());
                if (claim == null || (claim.kind() != null && !source.acc().wants(claim.kind()))) continue;
                Source file = source.forFile(e.getName(), Source.dateInName(e.getName()));
                Counting entry = new Counting(new KeepOpen(zip));
                long budget = MAX_INFLATION * Math.max(raw.count, 1) + 64L * 1024 * 1024 - inflated;
                entry.limit(budget, file.file());
                switch (claim) {
                    case HRV_CSV, SPO2_CSV, PROFILE_CSV -> TakeoutCsv.read(entry, claim, file);
                    case APPLE_XML -> AppleHealthXml.read(entry, file);
                    default -> JsonImport.read(entry, claim, file);
                }
                inflated += entry.count;
                read.add(e.getName());
            }
        } catch (ZipException e) {
            throw ImportFailure.malformed(source.file(), "is not a readable zip (" + e.getMessage() + ")");
        }
        if (entries == 0) throw ImportFailure.malformed(source.file(), "is an empty or broken zip");
    }

    /** Counts what passes; optionally stops past a limit (a zip bomb). */
    static final class Counting extends FilterInputStream {
        long count;
        private long limit = Long.MAX_VALUE;
        private String file;

        Counting(InputStream in) {
            super(in);
        }

        void limit(long bytes, String file) {
            this.limit = bytes;
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) add(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) add(n);
            return n;
        }

        private void add(long n) {
            count += n;
            if (count > limit) throw new ImportFailure("too_large", file, "inflates far beyond the size of the zip");
        }
    }

    /** A zip entry's stream that a parser may close without closing the zip. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the next entry still has to be read from the same zip stream
        }
    }
}
