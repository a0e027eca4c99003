package be.samenbord.fiche;

import java.util.List;
import java.util.Map;

/**
 * One fiche as read from its board at one moment: what exports and lists show.
 *
 * @param id     the fiche's board id
 * @param values field id → text (absent or blank = not filled)
 * @param source where it came from: "board:<id>/row:<n>" or "board:<id>/item:<id>"
 */
public record FicheDoc(String id, String status, Map<String, String> values, List<Step> steps,
                       List<BalanceEntry> balance, String source, SmartResult smart) {

    public FicheDoc {
        values = Map.copyOf(values);
        steps = List.copyOf(steps);
        balance = List.copyOf(balance);
    }

    /** A step of the timeline; date is ISO yyyy-mm-dd or empty. */
    public record Step(String date, String text) {
    }

    /** A pros-and-cons entry in one quadrant (gain-short, gain-long, loss-short, loss-long). */
    public record BalanceEntry(String quadrant, String text) {
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public String title() {
        return value("title");
    }

    /** The step with the earliest date (yyyy-mm-dd), the first in order on a tie; empty when no step has a date. */
    public java.util.Optional<Step> firstDatedStep() {
        Step first = null;
        for (Step s : steps) {
            if (!s.date().matches("\\d{4}-\\d{2}-\\d{2}")) continue;
            if (first == null || s.date().compareTo(first.date()) < 0) first = s;
        }
        return java.util.Optional.ofNullable(first);
    }
}
