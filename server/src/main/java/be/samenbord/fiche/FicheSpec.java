package be.samenbord.fiche;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The action fiche as data (templates-library/fiche/action-fiche.json): header fields, the 21
 * numbered sections of guiding questions, statuses, SMART rules and the pros-and-cons balance.
 */
public record FicheSpec(Text title, List<Field> header, List<Section> sections, List<Status> statuses,
                        List<SmartRule> smart, Text balanceLabel, List<Quadrant> quadrants, String json) {

    /** Stands in a SMART rule for "at least one step with a date". */
    public static final String DATED_STEP = "@datedStep";

    public FicheSpec {
        header = List.copyOf(header);
        sections = List.copyOf(sections);
        statuses = List.copyOf(statuses);
        smart = List.copyOf(smart);
        quadrants = List.copyOf(quadrants);
    }

    /** One text field of a fiche. */
    public record Field(String id, Text label, Text question) {
    }

    /** A numbered section (1..21): its question and its fields; the steps section has none. */
    public record Section(int number, String id, Text label, Text question, boolean steps, List<Field> fields) {
        public Section {
            fields = List.copyOf(fields);
        }
    }

    public record Status(String id, Text label) {
    }

    /** A SMART criterion: met when every group has at least one filled field. */
    public record SmartRule(String id, Text label, Text hint, List<List<String>> requires) {
        public SmartRule {
            requires = requires.stream().map(List::copyOf).toList();
        }
    }

    public record Quadrant(String id, Text label) {
    }

    /** Every text field in document order: header first, then the sections' fields. */
    public List<Field> fields() {
        List<Field> all = new ArrayList<>(header);
        sections.forEach(s -> all.addAll(s.fields()));
        return all;
    }

    public Optional<Field> field(String id) {
        return fields().stream().filter(f -> f.id().equals(id)).findFirst();
    }

    public List<String> statusIds() {
        return statuses.stream().map(Status::id).toList();
    }
}
