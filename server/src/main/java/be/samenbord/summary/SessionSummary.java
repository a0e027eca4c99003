package be.samenbord.summary;

import java.util.List;

/**
 * What a workshop's session left behind (rules SU-1..SU-9), as everyone may read it: the
 * instructions given, each round with its answers, each work board's top-voted notes or themes,
 * and the action plan. Built by {@link SummaryReader}; hidden content is never in it (SU-3).
 *
 * @param lang the language of the board titles and status labels ("nl" or "en")
 */
public record SessionSummary(String workshop, String title, String lang, List<Instruction> instructions,
                             List<Round> rounds, List<BoardResult> boards, List<Action> actions) {

    public SessionSummary {
        instructions = List.copyOf(instructions);
        rounds = List.copyOf(rounds);
        boards = List.copyOf(boards);
        actions = List.copyOf(actions);
    }

    /** An instruction the facilitator gave ({@code instruction-<k>}); {@code at} is server ms. */
    public record Instruction(String text, long at) {
    }

    /** A check-in or check-out round ({@code round-<id>}) with its answers in the order given. */
    public record Round(String id, String kind, String prompt, long startedAt, Long endedAt, List<Answer> answers) {
        public Round {
            answers = List.copyOf(answers);
        }
    }

    public record Answer(String name, String text, long at) {
    }

    /**
     * One work board: how many notes it shows, whether its vote is closed, the top-voted notes or
     * themes (only after a closed vote, SU-4) and its themes with their notes.
     *
     * @param vote "closed", "open" or "none"
     */
    public record BoardResult(String board, String template, String title, int notes, String vote,
                              List<Ranked> top, List<Ranked> themes) {
        public BoardResult {
            top = List.copyOf(top);
            themes = List.copyOf(themes);
        }
    }

    /**
     * A note or a theme: its text (a theme's title), its dots (0 before a closed vote) and, for a
     * theme, the texts of its notes.
     *
     * @param kind "note" or "theme"
     */
    public record Ranked(String kind, String item, String text, int dots, List<String> notes) {
        public Ranked {
            notes = List.copyOf(notes);
        }
    }

    /**
     * One fiche of the action plan: its driver (trekker), its first dated step (the earliest date,
     * null when no step has one) and status (id and label).
     */
    public record Action(String fiche, String title, String driver, String firstDate, String firstStep,
                         String status, String statusLabel) {
    }
}
