package be.samenbord.indicators.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A streaming RFC 4180 reader that keeps only the columns asked for: every other field is scanned
 * and dropped character by character, so reading a profile's time zone never holds its name,
 * e-mail or "about me".
 */
final class Csv {

    private static final int MAX_FIELD = 4096;
    private final Reader in;
    private final String file;
    private int peeked = -2;

    Csv(InputStream in, String file) {
        this.in = new java.io.BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 16 * 1024);
        this.file = file;
    }

    /** The header's column names, lower case and trimmed (a byte-order mark removed); null for an empty file. */
    List<String> header() throws IOException {
        List<String> names = record(null);
        if (names == null) return null;
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) out.add(n.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT));
        return out;
    }

    /** The next record with only the fields at {@code keep} (others null); null at the end. */
    List<String> next(boolean[] keep) throws IOException {
        return record(keep);
    }

    private List<String> record(boolean[] keep) throws IOException {
        int c = read();
        if (c < 0) return null;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int column = 0;
        while (true) {
            boolean keeping = keep == null || (column < keep.length && keep[column]);
            if (c < 0) {
                if (quoted) throw ImportFailure.malformed(file, "a quoted field is not closed");
                fields.add(keeping ? field.toString() : null);
                return fields;
            }
            if (quoted) {
                if (c == '"') {
                    int n = read();
                    if (n == '"') append(field, '"', keeping);
                    else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    append(field, (char) c, keeping);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(keeping ? field.toString() : null);
                field.setLength(0);
                column++;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') read();
                fields.add(keeping ? field.toString() : null);
                return fields;
            } else {
                append(field, (char) c, keeping);
            }
            c = read();
        }
    }

    private void append(StringBuilder field, char c, boolean keeping) {
        if (!keeping) return;
        if (field.length() >= MAX_FIELD) throw ImportFailure.malformed(file, "a field is longer than " + MAX_FIELD + " characters");
        field.append(c);
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    private int peek() throws IOException {
        if (peeked == -2) peeked = in.read();
        return peeked;
    }

    /** Columns to keep, by name; a missing column fails as a file that is not what it claims. */
    static boolean[] columns(List<String> header, String file, String claim, String... names) {
        boolean[] keep = new boolean[header.size()];
        for (String n : names) {
            int i = header.indexOf(n);
            if (i < 0) throw ImportFailure.mismatch(file, claim, "no column " + n);
            keep[i] = true;
        }
        return keep;
    }
}
