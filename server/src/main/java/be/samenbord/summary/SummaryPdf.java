package be.samenbord.summary;

import be.samenbord.fiche.export.PdfFonts;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

import java.awt.Color;
import java.io.ByteArrayOutputStream;

import static be.samenbord.fiche.export.PdfFonts.cell;
import static be.samenbord.fiche.export.PdfFonts.paragraph;

/**
 * The summary as an A4 PDF (SU-6), drawn with the fiche exports' embedded fonts (FI-8), so the
 * text layer gives back what was typed. Stateless per call; run it on the export pool (FI-9).
 */
public final class SummaryPdf {

    private static final Color GREY = new Color(0x55, 0x55, 0x55);
    private static final Color LIGHT = new Color(0xEE, 0xEE, 0xEE);

    private final SummaryLabels labels;
    private final Font title;
    private final Font heading;
    private final Font subheading;
    private final Font body;
    private final Font bold;
    private final Font small;

    private SummaryPdf(String lang) {
        labels = new SummaryLabels(lang);
        BaseFont regular = PdfFonts.regular();
        BaseFont boldFace = PdfFonts.bold();
        title = new Font(boldFace, 20);
        heading = new Font(boldFace, 14);
        subheading = new Font(boldFace, 11);
        body = new Font(regular, 10);
        bold = new Font(boldFace, 10);
        small = new Font(regular, 9, Font.NORMAL, GREY);
    }

    public static byte[] render(SessionSummary s) {
        try {
            return new SummaryPdf(s.lang()).document(s);
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot write PDF", e);
        }
    }

    private byte[] document(SessionSummary s) throws DocumentException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 56, 56, 56, 56);
        PdfWriter.getInstance(doc, out);
        String head = labels.word("summary") + ": " + s.title();
        doc.addTitle(head);
        doc.addCreator("Samenbord");
        doc.open();
        Paragraph t = paragraph(head, title);
        t.setSpacingAfter(10);
        doc.add(t);
        if (!s.instructions().isEmpty()) {
            doc.add(heading(labels.word("instructions")));
            for (SessionSummary.Instruction i : s.instructions()) doc.add(bullet(i.text()));
        }
        if (!s.rounds().isEmpty()) {
            doc.add(heading(labels.word("rounds")));
            for (SessionSummary.Round r : s.rounds()) {
                doc.add(subheading(labels.roundKind(r.kind()) + ": " + r.prompt()));
                if (r.answers().isEmpty()) doc.add(paragraph(labels.word("noAnswers"), small));
                for (SessionSummary.Answer a : r.answers()) {
                    Paragraph p = new Paragraph(Float.NaN, "", body);
                    PdfFonts.append(p, "• " + a.name() + ": ", bold);
                    PdfFonts.append(p, a.text(), body);
                    p.setIndentationLeft(8);
                    doc.add(p);
                }
            }
        }
        doc.add(heading(labels.word("boards")));
        if (s.boards().isEmpty()) doc.add(paragraph(labels.word("none"), small));
        for (SessionSummary.BoardResult b : s.boards()) board(doc, b);
        doc.add(heading(labels.word("actions")));
        if (s.actions().isEmpty()) {
            doc.add(paragraph(labels.word("none"), small));
        } else {
            doc.add(actions(s));
        }
        doc.close();
        return out.toByteArray();
    }

    private void board(Document doc, SessionSummary.BoardResult b) throws DocumentException {
        doc.add(subheading(b.title() + " (" + b.notes() + " " + labels.word("notes") + ")"));
        if (b.vote().equals("closed") && !b.top().isEmpty()) {
            doc.add(paragraph(labels.word("top") + ":", small));
            int n = 1;
            for (SessionSummary.Ranked r : b.top()) {
                String text = r.kind().equals("theme") ? labels.word("theme") + ": " + untitled(r.text()) : r.text();
                Paragraph p = paragraph(n++ + ". " + text + " (" + labels.dots(r.dots()) + ")", body);
                p.setIndentationLeft(8);
                doc.add(p);
            }
        } else {
            doc.add(paragraph(labels.word(b.vote().equals("open") ? "voteOpen" : "noVote"), small));
        }
        if (!b.themes().isEmpty()) {
            doc.add(paragraph(labels.word("themes") + ":", small));
            for (SessionSummary.Ranked t : b.themes()) {
                doc.add(bullet(untitled(t.text()) + " (" + t.notes().size() + " " + labels.word("notes") + ")"));
            }
        }
    }

    private PdfPTable actions(SessionSummary s) {
        PdfPTable table = new PdfPTable(new float[]{3.2f, 1.8f, 2.6f, 1.4f});
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        table.setHeaderRows(1);
        for (String key : new String[]{"action", "driver", "firstStep", "status"}) table.addCell(cell(labels.word(key), bold, LIGHT));
        for (SessionSummary.Action a : s.actions()) {
            table.addCell(cell(untitled(a.title()), body, null));
            table.addCell(cell(SummaryLabels.orDash(a.driver()), body, null));
            table.addCell(cell(SummaryLabels.orDash(SummaryMarkdown.firstStep(a)), body, null));
            table.addCell(cell(a.statusLabel(), body, null));
        }
        return table;
    }

    private String untitled(String s) {
        return s == null || s.isBlank() ? labels.word("untitled") : s;
    }

    private Paragraph heading(String text) {
        Paragraph p = paragraph(text, heading);
        p.setSpacingBefore(14);
        p.setSpacingAfter(4);
        return p;
    }

    private Paragraph subheading(String text) {
        Paragraph p = paragraph(text, subheading);
        p.setSpacingBefore(8);
        p.setSpacingAfter(2);
        p.setKeepTogether(true);
        return p;
    }

    private Paragraph bullet(String text) {
        Paragraph p = paragraph("• " + text, body);
        p.setIndentationLeft(8);
        return p;
    }
}
