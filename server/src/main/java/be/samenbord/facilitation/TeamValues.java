package be.samenbord.facilitation;

import be.samenbord.board.Items;
import be.samenbord.board.Register;
import be.samenbord.board.template.Template;
import be.samenbord.workshop.Seats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The team's view of a board's own values (rule IT-8): per dimension the median of every person's
 * value (the latest-stamped of their tabs, ID-3; null takes a value back), shown only when at least
 * {@code k} people gave one, as team indicators are (IND-7). Nobody's own value leaves this class.
 * Pure.
 */
public final class TeamValues {

    /** One dimension: how many people gave a value, and their median, null below k. */
    public record Dimension(int people, Double median) {
    }

    public record Result(int k, int people, Map<String, Dimension> dimensions) {
    }

    private TeamValues() {
    }

    public static Result of(Items items, Template.OwnValues spec, int k) {
        Map<String, Register> fields = items.item(spec.item());
        Set<String> everyone = new TreeSet<>();
        Map<String, Dimension> out = new LinkedHashMap<>();
        for (String d : spec.dimensions()) {
            List<Integer> values = new ArrayList<>(latestPerPerson(fields, Items.OWN_PREFIX + d + ":", spec, everyone).values());
            values.sort(Integer::compare);
            out.put(d, new Dimension(values.size(), values.size() >= k ? median(values) : null));
        }
        return new Result(k, everyone.size(), out);
    }

    private static Map<String, Integer> latestPerPerson(Map<String, Register> fields, String prefix, Template.OwnValues spec, Set<String> everyone) {
        Map<String, Register> latest = new HashMap<>();
        if (fields != null) fields.forEach((f, r) -> {
            if (!f.startsWith(prefix)) return;
            String person = Seats.personOf(f.substring(prefix.length()));
            Register seen = latest.get(person);
            if (seen == null || r.stamp().isAfter(seen.stamp())) latest.put(person, r);
        });
        Map<String, Integer> out = new HashMap<>();
        latest.forEach((person, r) -> {
            Integer v = wholeNumber(r.json());
            if (v != null && v >= spec.min() && v <= spec.max()) {
                out.put(person, v);
                everyone.add(person);
            }
        });
        return out;
    }

    private static Integer wholeNumber(String json) {
        try {
            return Integer.valueOf(json);
        } catch (NumberFormatException e) {
            return null; // null (taken back) or anything the node would not accept
        }
    }

    private static double median(List<Integer> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
