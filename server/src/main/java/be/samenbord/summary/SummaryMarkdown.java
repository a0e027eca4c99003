package be.samenbord.summary;

import be.samenbord.fiche.export.MarkdownText;

import java.util.List;

/**
 * The summary as Markdown (SU-6): "# title", a "##" per part. Text typed by people is inert as in
 * FI-7 (escaped, autolinks only). Pure.
 */
public final class SummaryMarkdown {

    private SummaryMarkdown() {
    }

    public static String render(SessionSummary s) {
        SummaryLabels l = new SummaryLabels(s.lang());
        StringBuilder out = new StringBuilder();
        out.append("# ").append(MarkdownText.inline(l.word("summary") + ": " + s.title())).append("\n\n");
        if (!s.instructions().isEmpty()) {
            out.append("## ").append(l.word("instructions")).append("\n\n");
            for (SessionSummary.Instruction i : s.instructions()) out.append("- ").append(inline(i.text())).append('\n');
            out.append('\n');
        }
        if (!s.rounds().isEmpty()) {
            out.append("## ").append(l.word("rounds")).append("\n\n");
            for (SessionSummary.Round r : s.rounds()) {
                out.append("### ").append(l.roundKind(r.kind())).append(": ").append(inline(r.prompt())).append("\n\n");
                if (r.answers().isEmpty()) out.append(l.word("noAnswers")).append("\n");
                for (SessionSummary.Answer a : r.answers()) {
                    out.append("- **").append(inline(a.name())).append("**: ").append(inline(a.text())).append('\n');
                }
                out.append('\n');
            }
        }
        out.append("## ").append(l.word("boards")).append("\n\n");
        if (s.boards().isEmpty()) out.append(l.word("none")).append("\n\n");
        for (SessionSummary.BoardResult b : s.boards()) {
            out.append("### ").append(inline(b.title())).append(" (").append(b.notes()).append(' ').append(l.word("notes")).append(")\n\n");
            if (b.vote().equals("closed") && !b.top().isEmpty()) {
                out.append(l.word("top")).append(":\n\n");
                int n = 1;
                for (SessionSummary.Ranked r : b.top()) {
                    out.append(n++).append(". ").append(ranked(r, l)).append(" (").append(l.dots(r.dots())).append(")\n");
                }
                out.append('\n');
            } else {
                out.append(l.word(b.vote().equals("open") ? "voteOpen" : "noVote")).append("\n\n");
            }
            if (!b.themes().isEmpty()) {
                out.append(l.word("themes")).append(":\n\n");
                for (SessionSummary.Ranked t : b.themes()) {
                    out.append("- ").append(inline(orUntitled(t.text(), l))).append(" (").append(t.notes().size()).append(' ')
                            .append(l.word("notes")).append(")\n");
                }
                out.append('\n');
            }
        }
        out.append("## ").append(l.word("actions")).append("\n\n");
        List<SessionSummary.Action> actions = s.actions();
        if (actions.isEmpty()) {
            out.append(l.word("none")).append('\n');
        } else {
            out.append("| ").append(l.word("action")).append(" | ").append(l.word("driver")).append(" | ")
                    .append(l.word("firstStep")).append(" | ").append(l.word("status")).append(" |\n| --- | --- | --- | --- |\n");
            for (SessionSummary.Action a : actions) {
                out.append("| ").append(cell(orUntitled(a.title(), l))).append(" | ").append(cell(a.driver())).append(" | ")
                        .append(cell(firstStep(a))).append(" | ").append(cell(a.statusLabel())).append(" |\n");
            }
        }
        return out.toString();
    }

    static String firstStep(SessionSummary.Action a) {
        if (a.firstDate() == null) return "";
        return a.firstStep() == null || a.firstStep().isBlank() ? a.firstDate() : a.firstDate() + " " + a.firstStep();
    }

    private static String ranked(SessionSummary.Ranked r, SummaryLabels l) {
        return r.kind().equals("theme") ? l.word("theme") + ": " + inline(orUntitled(r.text(), l)) : inline(r.text());
    }

    private static String orUntitled(String s, SummaryLabels l) {
        return s == null || s.isBlank() ? l.word("untitled") : s;
    }

    /** One line of typed text: line breaks become spaces, then escaped so it opens no block or inline construct (FI-7). */
    private static String inline(String text) {
        return MarkdownText.line(text.replaceAll("\\s*\\R\\s*", " ").strip());
    }

    private static String cell(String text) {
        return text == null || text.isBlank() ? SummaryLabels.EMPTY : inline(text);
    }
}
