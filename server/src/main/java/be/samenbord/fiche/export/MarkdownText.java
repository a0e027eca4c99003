package be.samenbord.fiche.export;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text typed by participants, made inert for Markdown (rule FI-7): whatever it holds, a CommonMark
 * or GitHub renderer shows it as the same text. It can open no HTML, code, emphasis, link, image,
 * table or block; the only links it makes are the http(s) addresses it contains, as autolinks.
 */
public final class MarkdownText {

    /** Escaped wherever they stand: HTML and entities, code, emphasis, strikethrough, links and images, table cells. */
    private static final String INLINE = "\\`*_[]<&|~";
    /** What a line may start with to become a heading, quote, list item or setext underline. */
    private static final Pattern LINE_START = Pattern.compile("^([#>+=-]|\\d+[.)])");
    /** An http(s) address, up to a space or a character an autolink cannot hold (or that would end a table cell). */
    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[\\p{L}\\p{N}][^\\s<>|`\"\\\\]*");
    /** Trailing characters that end a sentence rather than the address (as GitHub's autolinker does). */
    private static final String TRAILING = ".,:;!?'*_~";

    private MarkdownText() {
    }

    /** One line (no line breaks): its start cannot open a block, the rest is {@link #inline}. */
    public static String line(String line) {
        Matcher m = LINE_START.matcher(line);
        if (!m.find()) return inline(line);
        String token = m.group(1);
        String rest = line.substring(token.length());
        if (Character.isDigit(token.charAt(0))) {
            // "1. text" would start an ordered list: escape the dot or parenthesis
            return token.substring(0, token.length() - 1) + "\\" + token.charAt(token.length() - 1) + inline(rest);
        }
        return "\\" + token + inline(rest);
    }

    /** Text inside a line or a table cell: every construct escaped, http(s) addresses as {@code <url>}. */
    public static String inline(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        Matcher m = URL.matcher(text);
        int done = 0;
        while (m.find()) {
            String url = trimmed(m.group());
            escape(text.substring(done, m.start()), out);
            out.append('<').append(url).append('>');
            done = m.start() + url.length();
        }
        escape(text.substring(done), out);
        return out.toString();
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean image = c == '!' && i + 1 < text.length() && text.charAt(i + 1) == '[';
            if (INLINE.indexOf(c) >= 0 || image) out.append('\\');
            out.append(c);
        }
    }

    /** The address without trailing punctuation, and without a closing parenthesis it did not open. */
    private static String trimmed(String url) {
        String u = url;
        while (!u.isEmpty()) {
            char last = u.charAt(u.length() - 1);
            if (TRAILING.indexOf(last) >= 0) {
                u = u.substring(0, u.length() - 1);
            } else if (last == ')' && count(u, ')') > count(u, '(')) {
                u = u.substring(0, u.length() - 1);
            } else {
                break;
            }
        }
        return u;
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }
}
