package be.samenbord.fiche.export;

import be.samenbord.fiche.FicheDoc;
import be.samenbord.fiche.FicheSpec;
import org.openpdf.text.Chunk;
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
import java.util.List;

import static be.samenbord.fiche.export.PdfFonts.cell;
import static be.samenbord.fiche.export.PdfFonts.paragraph;

/**
 * An action plan as PDF: a title page, then one page (or more) per fiche. Text is drawn in the
 * embedded Unicode fonts of {@link PdfFonts} (rule FI-8).
 */
final class PdfExport {

    private static final Color GREY = new Color(0x55, 0x55, 0x55);
    private static final Color LIGHT = new Color(0xEE, 0xEE, 0xEE);

    private final Labels labels;
    private final Font planTitle;
    private final Font subtitle;
    private final Font ficheTitle;
    private final Font sectionTitle;
    private final Font fieldLabel;
    private final Font question;
    private final Font body;
    private final Font small;
    private final Font smallBold;

    private PdfExport(Labels labels) {
        this.labels = labels;
        BaseFont regular = PdfFonts.regular();
        BaseFont bold = PdfFonts.bold();
        planTitle = new Font(bold, 24);
        subtitle = new Font(regular, 13, Font.NORMAL, GREY);
        ficheTitle = new Font(bold, 17);
        sectionTitle = new Font(bold, 11.5f);
        fieldLabel = new Font(bold, 9.5f);
        // DejaVu Sans Oblique is the regular face slanted: OpenPDF slants it the same way
        question = new Font(regular, 8.5f, Font.ITALIC, GREY);
        body = new Font(regular, 10);
        small = new Font(regular, 9, Font.NORMAL, GREY);
        smallBold = new Font(bold, 9);
    }

    static byte[] render(FicheSpec spec, String planTitle, List<FicheDoc> fiches, String lang) {
        try {
            return new PdfExport(new Labels(spec, lang)).document(planTitle, fiches);
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot write PDF", e);
        }
    }

    private byte[] document(String title, List<FicheDoc> fiches) throws DocumentException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 56, 56, 56, 56);
        PdfWriter.getInstance(doc, out);
        String plan = labels.planTitle(title);
        doc.addTitle(plan);
        doc.addCreator("Samenbord");
        doc.open();
        titlePage(doc, plan, fiches);
        for (FicheDoc fiche : fiches) {
            doc.newPage();
            fiche(doc, fiche);
        }
        doc.close();
        return out.toByteArray();
    }

    private void titlePage(Document doc, String plan, List<FicheDoc> fiches) throws DocumentException {
        Paragraph title = paragraph(plan, planTitle);
        title.setSpacingBefore(160);
        title.setSpacingAfter(8);
        doc.add(title);
        doc.add(paragraph(labels.t(labels.spec.title()), subtitle));
        if (fiches.isEmpty()) return;
        Paragraph list = new Paragraph(16, "", body); // its font also draws the space of setSpacingBefore
        list.setSpacingBefore(36);
        PdfFonts.append(list, labels.word("fiches"), sectionTitle);
        for (int i = 0; i < fiches.size(); i++) {
            FicheDoc f = fiches.get(i);
            list.add(new Chunk("\n", body));
            PdfFonts.append(list, (i + 1) + ". " + labels.ficheTitle(f), body);
            PdfFonts.append(list, "  (" + labels.status(f.status()) + ")", small);
        }
        doc.add(list);
    }

    private void fiche(Document doc, FicheDoc fiche) throws DocumentException {
        Paragraph title = paragraph(labels.ficheTitle(fiche), ficheTitle);
        title.setSpacingAfter(6);
        doc.add(title);
        for (FicheSpec.Field f : labels.headerExtras()) {
            doc.add(labelled(labels.t(f.label()), orDash(fiche.value(f.id()))));
        }
        doc.add(labelled(labels.word("status"), labels.status(fiche.status())));
        doc.add(labelled(labels.word("smart"), labels.smartLine(fiche)));
        for (FicheSpec.Section section : labels.spec.sections()) {
            section(doc, section, fiche);
        }
        if (!labels.hasStepsSection() && !fiche.steps().isEmpty()) doc.add(steps(fiche.steps()));
        balance(doc, fiche);
        Paragraph source = paragraph(labels.word("source") + ": " + Labels.nz(fiche.source()), small);
        source.setSpacingBefore(14);
        doc.add(source);
    }

    private void section(Document doc, FicheSpec.Section section, FicheDoc fiche) throws DocumentException {
        Paragraph head = paragraph(section.number() + ". " + labels.t(section.label()), sectionTitle);
        head.setSpacingBefore(10);
        head.setKeepTogether(true);
        doc.add(head);
        String q = labels.t(section.question());
        if (!q.isBlank()) doc.add(paragraph(q, question));
        boolean several = section.fields().size() > 1;
        for (FicheSpec.Field field : section.fields()) {
            if (several) {
                Paragraph label = paragraph(labels.t(field.label()), fieldLabel);
                label.setSpacingBefore(3);
                doc.add(label);
            }
            Paragraph value = paragraph(orDash(fiche.value(field.id())), body);
            value.setSpacingBefore(2);
            doc.add(value);
        }
        if (section.steps()) {
            if (fiche.steps().isEmpty()) {
                doc.add(paragraph(Labels.EMPTY, body));
            } else {
                doc.add(steps(fiche.steps()));
            }
        }
    }

    private PdfPTable steps(List<FicheDoc.Step> steps) {
        PdfPTable table = new PdfPTable(new float[]{1.2f, 4.8f});
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        table.setHeaderRows(1);
        table.addCell(cell(labels.word("date"), smallBold, LIGHT));
        table.addCell(cell(labels.word("step"), smallBold, LIGHT));
        for (FicheDoc.Step step : steps) {
            String date = Labels.nz(step.date()).strip();
            table.addCell(cell(date.isEmpty() ? Labels.EMPTY : date, body, null));
            table.addCell(cell(orDash(step.text()), body, null));
        }
        return table;
    }

    private void balance(Document doc, FicheDoc fiche) throws DocumentException {
        if (fiche.balance().isEmpty()) return;
        Paragraph head = paragraph(labels.t(labels.spec.balanceLabel()), sectionTitle);
        head.setSpacingBefore(10);
        doc.add(head);
        List<String> order = new java.util.ArrayList<>(labels.spec.quadrants().stream().map(FicheSpec.Quadrant::id).toList());
        fiche.balance().stream().map(FicheDoc.BalanceEntry::quadrant).distinct().filter(q -> !order.contains(q)).forEach(order::add);
        for (String quadrant : order) {
            List<FicheDoc.BalanceEntry> entries = fiche.balance().stream().filter(b -> quadrant.equals(b.quadrant())).toList();
            if (entries.isEmpty()) continue;
            Paragraph label = paragraph(labels.quadrant(quadrant), fieldLabel);
            label.setSpacingBefore(3);
            doc.add(label);
            for (FicheDoc.BalanceEntry entry : entries) {
                Paragraph item = paragraph("• " + Labels.nz(entry.text()), body);
                item.setIndentationLeft(10);
                doc.add(item);
            }
        }
    }

    private Paragraph labelled(String label, String value) {
        Paragraph p = new Paragraph();
        PdfFonts.append(p, label + ": ", smallBold);
        PdfFonts.append(p, value, body);
        return p;
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? Labels.EMPTY : value;
    }
}
