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
 * value (the latest-stamped of their tabs, ID-3; null takes a value back) and how many people gave
 * each value, shown only when at least {@code k} people gave one, as team indicators are (IND-7).
 * Nobody's own value leaves this class.
 * Pure.
 */
public final class TeamValues {

    /**
     * One dimension: how many people gave a value; their median and how many gave each value from
     * min to max, both null below k.
     */
    public record Dimension(int people, Double median, List<Integer> counts) {
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
            boolean shown = values.size() >= k;
            out.put(d, new Dimension(values.size(), shown ? median(values) : null, shown ? counts(values, spec) : null));
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

    private static List<Integer> counts(List<Integer> values, Template.OwnValues spec) {
        Integer[] counts = new Integer[spec.max() - spec.min() + 1];
        java.util.Arrays.fill(counts, 0);
        for (int v : values) counts[v - spec.min()]++;
        return List.of(counts);
    }

    private static double median(List<Integer> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
