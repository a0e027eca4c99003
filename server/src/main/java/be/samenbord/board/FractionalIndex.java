package be.samenbord.board;

/**
 * Fractional index keys for ordering (the {@code z} field, rule IT-4), compared as plain strings.
 * The scheme of the widely used "fractional-indexing" library (base 62), so the web client can use
 * that library and get the same keys: a head letter gives the length of an integer part
 * ({@code a0, a1, ... az, b00 ...}), so appending stays short; a fractional part, never ending in
 * {@code 0}, makes room between any two keys.
 */
public final class FractionalIndex {

    public static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    public static final int MAX_LENGTH = 64;
    private static final char ZERO = DIGITS.charAt(0);
    private static final char LAST = DIGITS.charAt(DIGITS.length() - 1);
    private static final String SMALLEST_INTEGER = "A" + "0".repeat(26);

    private FractionalIndex() {
    }

    /** True for a well-formed key of at most 64 characters. */
    public static boolean isValid(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH || key.equals(SMALLEST_INTEGER)) return false;
        int intLength = integerLength(key.charAt(0));
        if (intLength < 0 || intLength > key.length()) return false;
        for (int i = 1; i < key.length(); i++) {
            if (DIGITS.indexOf(key.charAt(i)) < 0) return false;
        }
        return key.length() == intLength || key.charAt(key.length() - 1) != ZERO;
    }

    /** A key strictly between {@code a} and {@code b}; null means the open start or end. */
    public static String between(String a, String b) {
        if (a != null && !isValid(a)) throw new IllegalArgumentException("bad key: " + a);
        if (b != null && !isValid(b)) throw new IllegalArgumentException("bad key: " + b);
        if (a != null && b != null && a.compareTo(b) >= 0) throw new IllegalArgumentException(a + " is not before " + b);
        if (a == null) {
            if (b == null) return "a" + ZERO;
            String ib = integerPart(b);
            String fb = b.substring(ib.length());
            if (ib.equals(SMALLEST_INTEGER)) return ib + midpoint("", fb);
            if (ib.compareTo(b) < 0) return ib;
            String dec = decrement(ib);
            if (dec == null) throw new IllegalArgumentException("no key before " + b);
            return dec;
        }
        String ia = integerPart(a);
        String fa = a.substring(ia.length());
        if (b == null) {
            String inc = increment(ia);
            return inc == null ? ia + midpoint(fa, null) : inc;
        }
        String ib = integerPart(b);
        if (ia.equals(ib)) return ia + midpoint(fa, b.substring(ib.length()));
        String inc = increment(ia);
        if (inc == null) throw new IllegalArgumentException("no key after " + a);
        return inc.compareTo(b) < 0 ? inc : ia + midpoint(fa, null);
    }

    /** A digit string strictly between fractions {@code a} and {@code b} (null = 1). */
    private static String midpoint(String a, String b) {
        if (b != null) {
            int n = 0;
            while (n < b.length() && (n < a.length() ? a.charAt(n) : ZERO) == b.charAt(n)) n++;
            if (n > 0) return b.substring(0, n) + midpoint(n < a.length() ? a.substring(n) : "", b.substring(n));
        }
        int digitA = a.isEmpty() ? 0 : DIGITS.indexOf(a.charAt(0));
        int digitB = b != null ? DIGITS.indexOf(b.charAt(0)) : DIGITS.length();
        if (digitB - digitA > 1) return String.valueOf(DIGITS.charAt((int) Math.round(0.5 * (digitA + digitB))));
        if (b != null && b.length() > 1) return b.substring(0, 1);
        return DIGITS.charAt(digitA) + midpoint(a.isEmpty() ? "" : a.substring(1), null);
    }

    private static int integerLength(char head) {
        if (head >= 'a' && head <= 'z') return head - 'a' + 2;
        if (head >= 'A' && head <= 'Z') return 'Z' - head + 2;
        return -1;
    }

    private static String integerPart(String key) {
        return key.substring(0, integerLength(key.charAt(0)));
    }

    private static String increment(String x) {
        char head = x.charAt(0);
        StringBuilder digs = new StringBuilder(x.substring(1));
        boolean carry = true;
        for (int i = digs.length() - 1; carry && i >= 0; i--) {
            int d = DIGITS.indexOf(digs.charAt(i)) + 1;
            if (d == DIGITS.length()) {
                digs.setCharAt(i, ZERO);
            } else {
                digs.setCharAt(i, DIGITS.charAt(d));
                carry = false;
            }
        }
        if (!carry) return head + digs.toString();
        if (head == 'Z') return "a" + ZERO;
        if (head == 'z') return null;
        char h = (char) (head + 1);
        if (h > 'a') digs.append(ZERO);
        else digs.setLength(digs.length() - 1);
        return h + digs.toString();
    }

    private static String decrement(String x) {
        char head = x.charAt(0);
        StringBuilder digs = new StringBuilder(x.substring(1));
        boolean borrow = true;
        for (int i = digs.length() - 1; borrow && i >= 0; i--) {
            int d = DIGITS.indexOf(digs.charAt(i)) - 1;
            if (d == -1) {
                digs.setCharAt(i, LAST);
            } else {
                digs.setCharAt(i, DIGITS.charAt(d));
                borrow = false;
            }
        }
        if (!borrow) return head + digs.toString();
        if (head == 'a') return "Z" + LAST;
        if (head == 'A') return null;
        char h = (char) (head - 1);
        if (h < 'Z') digs.append(LAST);
        else digs.setLength(digs.length() - 1);
        return h + digs.toString();
    }
}
