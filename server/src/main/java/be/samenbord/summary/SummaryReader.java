package be.samenbord.summary;

import be.samenbord.board.Items;
import be.samenbord.board.Register;
import be.samenbord.fiche.FicheDoc;
import be.samenbord.fiche.FicheSpec;
import be.samenbord.facilitation.BoardControl;
import be.samenbord.facilitation.Visibility;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link SessionSummary} from a workshop's boards (rules SU-2..SU-5). Pure: reads items,
 * holds no state. Every board is first read as a reader without a replica reads it (the REST view,
 * {@link Visibility} with no viewer), so private notes, open votes' dots and anonymous authors
 * never reach it (SU-3); dots count only once a board's vote is closed (SU-4).
 */
public final class SummaryReader {

    /** How many top-voted notes or themes a board lists. */
    public static final int TOP = 5;
    /** Item kinds that are notes (as the board export reads them). */
    static final Set<String> NOTE_KINDS = Set.of("note", "keyword");

    private final ObjectMapper json;

    public SummaryReader(ObjectMapper json) {
        this.json = json;
    }

    /** A work board to summarise: its id, template and title in the summary's language, and its items as stored. */
    public record Board(String id, String template, String title, Items items) {
    }

    /**
     * @param room    the room board's items as stored (null for a workshop without one)
     * @param fiches  the fiches as {@code FicheService} reads them (already without hidden content)
     */
    public SessionSummary build(String workshop, String title, String lang, Items room, List<Board> boards,
                                List<FicheDoc> fiches, FicheSpec spec) {
        Items visibleRoom = room == null ? new Items() : visible(room);
        List<SessionSummary.BoardResult> results = new ArrayList<>();
        for (Board b : boards) {
            SessionSummary.BoardResult r = board(b);
            if (r.notes() > 0 || !r.themes().isEmpty()) results.add(r);
        }
        List<SessionSummary.Action> actions = fiches.stream().map(f -> action(f, spec, lang)).toList();
        return new SessionSummary(workshop, title, lang, instructions(visibleRoom), rounds(visibleRoom), results, actions);
    }

    private static Items visible(Items items) {
        return Visibility.filter(Visibility.of(items), null, items);
    }

    private List<SessionSummary.Instruction> instructions(Items room) {
        List<SessionSummary.Instruction> out = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (String id : room.itemIds()) {
            if (id.startsWith("instruction-") && "instructionRecord".equals(text(room, id, "kind"))) ids.add(id);
        }
        // instruction-<k>: by k as a number, so instruction-10 follows instruction-9.
        ids.sort(Comparator.comparingLong((String id) -> suffixNumber(id, "instruction-")).thenComparing(id -> id));
        for (String id : ids) {
            String text = text(room, id, "text");
            if (text != null && !text.isBlank()) out.add(new SessionSummary.Instruction(text, number(room, id, "at", 0)));
        }
        return out;
    }

    private List<SessionSummary.Round> rounds(Items room) {
        Map<String, List<SessionSummary.Answer>> answers = new LinkedHashMap<>();
        List<String> roundItems = new ArrayList<>();
        for (String id : room.itemIds()) {
            String kind = text(room, id, "kind");
            if ("roundRecord".equals(kind) && id.startsWith("round-")) roundItems.add(id);
            if ("roundAnswer".equals(kind)) {
                String round = text(room, id, "round");
                String answer = text(room, id, "text");
                if (round == null || answer == null || answer.isBlank()) continue;
                String name = text(room, id, "name");
                answers.computeIfAbsent(round, k -> new ArrayList<>())
                        .add(new SessionSummary.Answer(name == null ? "" : name, answer, number(room, id, "at", 0)));
            }
        }
        List<SessionSummary.Round> out = new ArrayList<>();
        for (String item : roundItems) {
            String id = item.substring("round-".length());
            List<SessionSummary.Answer> given = new ArrayList<>(answers.getOrDefault(id, List.of()));
            given.sort(Comparator.comparingLong(SessionSummary.Answer::at).thenComparing(SessionSummary.Answer::name));
            Register ended = room.get(item, "endedAt");
            Long endedAt = ended == null || !isNumber(ended.json()) ? null : number(room, item, "endedAt", 0);
            out.add(new SessionSummary.Round(id, orEmpty(text(room, item, "round")), orEmpty(text(room, item, "prompt")),
                    number(room, item, "startedAt", 0), endedAt, given));
        }
        out.sort(Comparator.comparingLong(SessionSummary.Round::startedAt).thenComparing(SessionSummary.Round::id));
        return out;
    }

    SessionSummary.BoardResult board(Board b) {
        BoardControl control = BoardControl.read(b.items());
        Items items = visible(b.items());
        boolean counted = control.voteClosed();
        Map<String, String> themeTitles = new LinkedHashMap<>();
        Map<String, List<String>> themeNotes = new LinkedHashMap<>();
        List<SessionSummary.Ranked> voted = new ArrayList<>();
        int notes = 0;
        List<String> ids = new ArrayList<>(items.itemIds());
        ids.sort(Comparator.comparing((String id) -> orEmpty(text(items, id, "z"))).thenComparing(id -> id));
        for (String id : ids) {
            if (BoardControl.reserved(id) || "true".equals(raw(items, id, "deleted"))) continue;
            String kind = text(items, id, "kind");
            if ("theme".equals(kind)) themeTitles.put(id, orEmpty(text(items, id, "title")));
        }
        for (String id : ids) {
            if (BoardControl.reserved(id) || "true".equals(raw(items, id, "deleted"))) continue;
            String kind = text(items, id, "kind");
            if (!NOTE_KINDS.contains(kind)) continue;
            notes++;
            String noteText = orEmpty(text(items, id, "text"));
            String theme = text(items, id, "theme");
            if (theme != null && themeTitles.containsKey(theme)) themeNotes.computeIfAbsent(theme, k -> new ArrayList<>()).add(noteText);
            int dots = counted ? dots(items, id) : 0;
            if (dots > 0) voted.add(new SessionSummary.Ranked("note", id, noteText, dots, List.of()));
        }
        List<SessionSummary.Ranked> themes = new ArrayList<>();
        themeTitles.forEach((id, t) -> {
            SessionSummary.Ranked r = new SessionSummary.Ranked("theme", id, t, counted ? dots(items, id) : 0,
                    themeNotes.getOrDefault(id, List.of()));
            themes.add(r);
            if (r.dots() > 0) voted.add(r);
        });
        voted.sort(Comparator.comparingInt(SessionSummary.Ranked::dots).reversed());
        String vote = control.voteClosed() ? "closed" : control.voteOpen() ? "open" : "none";
        return new SessionSummary.BoardResult(b.id(), b.template(), b.title(), notes, vote,
                voted.subList(0, Math.min(TOP, voted.size())), themes);
    }

    /** The dots on an item: the sum of its {@code vote:<replica>} registers that hold a whole number ≥ 0. */
    private static int dots(Items items, String item) {
        long sum = 0;
        for (Map.Entry<String, Register> e : items.item(item).entrySet()) {
            if (!e.getKey().startsWith("vote:")) continue;
            try {
                long n = Long.parseLong(e.getValue().json());
                if (n > 0) sum += n;
            } catch (NumberFormatException ignored) {
                // FA-7 lets only integers through while a vote runs; anything else is not a dot
            }
        }
        return (int) Math.min(sum, Integer.MAX_VALUE);
    }

    private static SessionSummary.Action action(FicheDoc f, FicheSpec spec, String lang) {
        FicheDoc.Step first = f.firstDatedStep().orElse(null);
        String label = spec == null ? f.status() : spec.statuses().stream().filter(s -> s.id().equals(f.status()))
                .map(s -> s.label().in(lang)).findFirst().orElse(f.status());
        return new SessionSummary.Action(f.id(), f.title().strip(), f.value("driver").strip(),
                first == null ? null : first.date(), first == null ? null : first.text(), f.status(), label);
    }

    private String text(Items items, String item, String field) {
        Register r = items.get(item, field);
        if (r == null) return null;
        JsonNode n = parse(r.json());
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private long number(Items items, String item, String field, long fallback) {
        Register r = items.get(item, field);
        JsonNode n = r == null ? null : parse(r.json());
        return n != null && n.isNumber() ? n.asLong() : fallback;
    }

    private JsonNode parse(String value) {
        try {
            return json.readTree(value);
        } catch (IOException e) {
            return null; // a register always holds JSON (OP-2); an unreadable one says nothing
        }
    }

    private static boolean isNumber(String value) {
        return !value.isEmpty() && (Character.isDigit(value.charAt(0)) || value.charAt(0) == '-');
    }

    private static String raw(Items items, String item, String field) {
        Register r = items.get(item, field);
        return r == null ? null : r.json();
    }

    private static long suffixNumber(String id, String prefix) {
        try {
            return Long.parseLong(id.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
