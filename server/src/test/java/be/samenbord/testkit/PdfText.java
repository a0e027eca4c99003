package be.samenbord.testkit;

import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import java.io.IOException;

/** The text layer of a real PDF file, page after page, as a reader would copy it out. */
public final class PdfText {

    private PdfText() {
    }

    /** Every page's text, each followed by a line break. */
    public static String of(byte[] pdf) throws IOException {
        PdfReader reader = new PdfReader(pdf);
        try {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            StringBuilder text = new StringBuilder();
            for (int p = 1; p <= reader.getNumberOfPages(); p++) text.append(extractor.getTextFromPage(p)).append('\n');
            return text.toString();
        } finally {
            reader.close();
        }
    }

    /** The same with every run of white space as one space (for text a layout wraps). */
    public static String flat(byte[] pdf) throws IOException {
        return of(pdf).replaceAll("\\s+", " ");
    }
}
