package be.samenbord.boardexport;

import be.samenbord.fiche.export.PdfFonts;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfWriter;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.Comparator;
import java.util.List;

/**
 * Boards as a vector PDF (rule EX-2): one A3 landscape page per board, the board scaled to fit,
 * zones drawn with their labels and notes with their text in the embedded Unicode fonts (FI-8), so
 * the text can be searched and copied. A note's text shrinks to fit its note down to a legible
 * size; what still does not fit is cut.
 */
public final class BoardPdf {

    private static final Rectangle PAGE = PageSize.A3.rotate();
    private static final float MARGIN = 36;
    private static final float HEADER = 34;
    /** Note text is drawn at least this large (points), zone labels too. */
    static final float MIN_TEXT = 6.5f;
    private static final Color INK = new Color(0x1d, 0x23, 0x27);
    private static final Color LINE = new Color(0xb7, 0xc4, 0xbf);
    private static final Color[] RINGS = {new Color(0xee, 0xf3, 0xf6), new Color(0xe1, 0xef, 0xe8), new Color(0xcf, 0xe7, 0xda)};

    private BoardPdf() {
    }

    public static byte[] render(String workshopTitle, List<BoardPage> boards) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PAGE, MARGIN, MARGIN, MARGIN, MARGIN);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            doc.addTitle(workshopTitle);
            doc.addCreator("Samenbord");
            doc.open();
            if (boards.isEmpty()) doc.add(new Phrase(" "));
            for (int i = 0; i < boards.size(); i++) {
                if (i > 0) doc.newPage();
                page(writer.getDirectContent(), workshopTitle, boards.get(i));
            }
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot write PDF", e);
        }
        return out.toByteArray();
    }

    private static void page(PdfContentByte cb, String workshopTitle, BoardPage b) throws DocumentException {
        float top = PAGE.getHeight() - MARGIN;
        text(cb, workshopTitle + " · " + b.title(), new Font(PdfFonts.bold(), 14, Font.NORMAL, INK),
                MARGIN, top - HEADER, PAGE.getWidth() - MARGIN, top, Element.ALIGN_LEFT);
        float availW = PAGE.getWidth() - 2 * MARGIN;
        float availH = PAGE.getHeight() - 2 * MARGIN - HEADER;
        float s = (float) Math.min(availW / b.width(), availH / b.height());
        Frame f = new Frame(s, MARGIN + (availW - (float) b.width() * s) / 2, top - HEADER);

        cb.setColorFill(new Color(0xfb, 0xfc, 0xfb));
        cb.setColorStroke(LINE);
        cb.setLineWidth(0.5f);
        cb.rectangle(f.x(0), f.y(b.height()), (float) b.width() * s, (float) b.height() * s);
        cb.fillStroke();
        zones(cb, f, b.zones());
        arrows(cb, f, b.arrows());
        for (BoardPage.Note n : b.notes()) note(cb, f, n);
    }

    /** Canvas units to page points: canvas y grows down, PDF y up. */
    private record Frame(float s, float left, float top) {
        float x(double cx) {
            return left + (float) cx * s;
        }

        float y(double cy) {
            return top - (float) cy * s;
        }
    }

    private static void zones(PdfContentByte cb, Frame f, List<BoardPage.Zone> zones) throws DocumentException {
        List<BoardPage.Zone> rings = zones.stream().filter(BoardPage.Zone::ring)
                .sorted(Comparator.comparingDouble(BoardPage.Zone::outer).reversed()).toList();
        for (int i = 0; i < rings.size(); i++) {
            BoardPage.Zone z = rings.get(i);
            cb.setColorFill(RINGS[Math.min(i, RINGS.length - 1)]);
            cb.setColorStroke(new Color(0x7f, 0xa5, 0x96));
            cb.setLineWidth(1);
            cb.circle(f.x(z.cx()), f.y(z.cy()), (float) z.outer() * f.s());
            if (z.inner() > 0) cb.circle(f.x(z.cx()), f.y(z.cy()), (float) z.inner() * f.s());
            cb.eoFillStroke();
        }
        Font label = new Font(PdfFonts.bold(), Math.max(MIN_TEXT + 1, 24 * f.s()), Font.NORMAL, INK);
        for (BoardPage.Zone z : zones) {
            if (z.ring()) {
                double band = z.outer() - z.inner();
                double labelTop = z.inner() == 0 ? z.cy() - z.outer() * 0.8 : z.cy() - z.outer() + band * 0.08;
                double half = z.outer() * 0.8;
                text(cb, z.label(), label, f.x(z.cx() - half), f.y(labelTop + band * 0.5), f.x(z.cx() + half), f.y(labelTop),
                        Element.ALIGN_CENTER);
                continue;
            }
            cb.setColorFill(new Color(0xff, 0xff, 0xff));
            cb.setColorStroke(LINE);
            cb.setLineWidth(1);
            cb.roundRectangle(f.x(z.x()), f.y(z.y() + z.h()), (float) z.w() * f.s(), (float) z.h() * f.s(), 6 * f.s());
            cb.fillStroke();
            Font small = z.h() < 400 ? new Font(PdfFonts.bold(), Math.max(MIN_TEXT + 1, 15 * f.s()), Font.NORMAL, INK) : label;
            text(cb, z.label(), small, f.x(z.x() + 10), f.y(z.y() + Math.min(z.h(), 60)), f.x(z.x() + z.w() - 10), f.y(z.y() + 6),
                    Element.ALIGN_LEFT);
        }
    }

    /** A change map's arrows (IT-6): a line under the notes with a filled head at its end. */
    private static void arrows(PdfContentByte cb, Frame f, List<BoardPage.Line> arrows) {
        cb.setColorStroke(INK);
        cb.setColorFill(INK);
        cb.setLineWidth(Math.max(0.75f, 3 * f.s()));
        for (BoardPage.Line a : arrows) {
            double angle = Math.atan2(a.y2() - a.y1(), a.x2() - a.x1()), head = 18;
            double bx = a.x2() - head * Math.cos(angle), by = a.y2() - head * Math.sin(angle);
            cb.moveTo(f.x(a.x1()), f.y(a.y1()));
            cb.lineTo(f.x(bx), f.y(by));
            cb.stroke();
            cb.moveTo(f.x(a.x2()), f.y(a.y2()));
            cb.lineTo(f.x(bx + 8 * Math.sin(angle)), f.y(by - 8 * Math.cos(angle)));
            cb.lineTo(f.x(bx - 8 * Math.sin(angle)), f.y(by + 8 * Math.cos(angle)));
            cb.closePath();
            cb.fill();
        }
    }

    private static void note(PdfContentByte cb, Frame f, BoardPage.Note n) throws DocumentException {
        Color bg = NoteColors.parse(n.color());
        Color ink = NoteColors.inkOn(bg);
        float x = f.x(n.x());
        float y = f.y(n.y() + n.h());
        float w = (float) n.w() * f.s();
        float h = (float) n.h() * f.s();
        cb.setColorFill(bg);
        cb.setColorStroke(new Color(0, 0, 0, 60));
        cb.setLineWidth(0.4f);
        cb.rectangle(x, y, w, h);
        cb.fillStroke();
        float pad = 6 * f.s() + 1;
        float authorH = n.author().isEmpty() ? 0 : Math.max(MIN_TEXT, 11 * f.s()) + 2;
        float size = Math.max(MIN_TEXT, 17 * f.s());
        // Shrink until the text fits, down to the smallest legible size; past that it is cut.
        while (size > MIN_TEXT && !fits(cb, n.text(), size, ink, x + pad, y + pad + authorH, x + w - pad, y + h - pad)) {
            size = Math.max(MIN_TEXT, size - 0.5f);
        }
        text(cb, n.text(), new Font(PdfFonts.regular(), size, Font.NORMAL, ink), x + pad, y + pad + authorH, x + w - pad, y + h - pad,
                Element.ALIGN_LEFT);
        if (!n.author().isEmpty()) {
            text(cb, n.author(), new Font(PdfFonts.regular(), Math.max(MIN_TEXT, 11 * f.s()), Font.NORMAL, ink),
                    x + pad, y + 1, x + w - pad, y + pad + authorH, Element.ALIGN_RIGHT);
        }
    }

    private static boolean fits(PdfContentByte cb, String s, float size, Color ink, float llx, float lly, float urx, float ury)
            throws DocumentException {
        ColumnText ct = column(cb, s, new Font(PdfFonts.regular(), size, Font.NORMAL, ink), llx, lly, urx, ury, Element.ALIGN_LEFT);
        return !ColumnText.hasMoreText(ct.go(true));
    }

    private static void text(PdfContentByte cb, String s, Font font, float llx, float lly, float urx, float ury, int align)
            throws DocumentException {
        column(cb, s, font, llx, lly, urx, ury, align).go();
    }

    private static ColumnText column(PdfContentByte cb, String s, Font font, float llx, float lly, float urx, float ury, int align) {
        Phrase p = new Phrase();
        PdfFonts.append(p, s, font);
        ColumnText ct = new ColumnText(cb);
        ct.setSimpleColumn(p, llx, lly, urx, ury, font.getSize() * 1.2f, align);
        return ct;
    }
}
