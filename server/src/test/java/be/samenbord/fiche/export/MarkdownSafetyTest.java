package be.samenbord.fiche.export;

import be.samenbord.fiche.FicheDoc;
import be.samenbord.fiche.FicheSpec;
import be.samenbord.fiche.SmartCheck;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Markdown export read back as a renderer reads it (CommonMark with GFM tables and autolinks):
 * what participants typed stays text (rule FI-7). Each hostile string is in a title, a field, a
 * step, a balance entry and the plan title.
 */
class MarkdownSafetyTest {

    static final List<String> HOSTILE = List.of(
            "<script>alert('x')</script>",
            "<img src=x onerror=alert(1)>",
            "<div>\nblok html\n</div>",
            "[klik](javascript:alert(1))",
            "<javascript:alert(2)>",
            "[data](data:text/html;base64,PHNjcmlwdD4=)",
            "![](http://evil/x.png)",
            "![logo][ref]\n\n[ref]: http://evil/y.png",
            "| a | b |\n| --- | --- |\n| c | d |",
            "Onderkop\n===",
            "*nadruk* __vet__ ~~weg~~ `code` &lt;b&gt; &amp; \\* x",
            "    ingesprongen code\n```\nfence\n```",
            "# kop #\n> citaat\n- lijst\n1. genummerd");
    static final String SAFE_LINK = "https://samenbord.be/info?a=1&b=2_c";

    private final FicheSpec spec = ExportFixtures.spec();
    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), AutolinkExtension.create());

    @TempDir
    Path dir;

    /** One fiche per hostile string, which fills the title, every field, a step and a balance entry. */
    private List<FicheDoc> hostileFiches() {
        List<FicheDoc> out = new ArrayList<>();
        for (int n = 0; n < HOSTILE.size(); n++) {
            String text = HOSTILE.get(n);
            Map<String, String> values = new LinkedHashMap<>();
            spec.fields().forEach(f -> values.put(f.id(), text));
            values.put(spec.fields().get(1).id(), "meer info: " + SAFE_LINK + " (lees)");
            List<FicheDoc.Step> steps = List.of(new FicheDoc.Step("2025-05-01", text));
            List<FicheDoc.BalanceEntry> balance = List.of(new FicheDoc.BalanceEntry("gain-short", text));
            out.add(new FicheDoc("fiche-" + n, "draft", values, steps, balance, "board:b/item:" + n,
                    SmartCheck.check(spec, values, steps)));
        }
        return out;
    }

    private Node exported(String planTitle, List<FicheDoc> fiches) throws IOException {
        Path file = dir.resolve("plan.md");
        Files.writeString(file, FicheExport.markdown(spec, planTitle, fiches, "nl"), StandardCharsets.UTF_8);
        return parser.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("FI-7 (finding: Markdown passed inline HTML, <script>, javascript: links and remote images through)")
    void markdownPassesHtmlScriptJavascriptLinksAndRemoteImagesThrough() throws IOException {
        List<FicheDoc> fiches = hostileFiches();
        Node doc = exported("<script>plan()</script> ![](http://evil/p.png)", fiches);
        Census census = new Census();
        doc.accept(census);

        assertEquals(List.of(), census.html, "no raw HTML reaches a renderer");
        assertEquals(List.of(), census.images, "no image syntax from user text");
        assertEquals(List.of(), census.code, "no code blocks or spans from user text");
        List<String> ownEmphasis = new ArrayList<>(spec.sections().stream().map(sec -> sec.question().nl()).toList());
        fiches.forEach(f -> ownEmphasis.add("Bron: " + f.source()));
        for (String e : census.emphasis) assertTrue(ownEmphasis.contains(e), "emphasis only from the export itself, not: " + e);
        List<String> ownStrong = new ArrayList<>(List.of("Status:", "SMART:", spec.balanceLabel().nl()));
        spec.fields().forEach(f -> ownStrong.addAll(List.of(f.label().nl(), f.label().nl() + ":")));
        for (String e : census.strong) assertTrue(ownStrong.contains(e), "bold only for the export's labels, not: " + e);
        for (String link : census.links) assertTrue(link.matches("https?://[^\\s]+"), "only http(s) links: " + census.links);
        assertEquals(fiches.size(), census.links.stream().filter(SAFE_LINK::equals).count(), "a typed http(s) link stays a link: " + census.links);

        String html = HtmlRenderer.builder().extensions(EXTENSIONS).build().render(doc);
        for (String bad : List.of("<script", "<img", "<div", "javascript:alert", "data:text", "src=\"http://evil")) {
            if (bad.startsWith("javascript") || bad.startsWith("data")) {
                assertFalse(html.contains("href=\"" + bad), bad + " became a link");
            } else {
                assertFalse(html.contains(bad), bad + " reached the HTML");
            }
        }
        String text = census.text.toString();
        for (String hostile : List.of("<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "[klik](javascript:alert(1))",
                "![](http://evil/x.png)", "[ref]: http://evil/y.png", "&lt;b&gt; &amp; \\* x", "*nadruk* __vet__ ~~weg~~ `code`")) {
            assertTrue(text.contains(hostile), "the reader still sees what was typed: " + hostile);
        }
        assertTrue(text.contains("<script>plan()</script> ![](http://evil/p.png)"), "the plan title too");
    }

    @Test
    @DisplayName("FI-7: user text cannot add headings or tables: the structure is the plan's own")
    void userTextCannotInjectStructure() throws IOException {
        List<FicheDoc> fiches = hostileFiches();
        Node doc = exported("Plan", fiches);
        Census census = new Census();
        doc.accept(census);
        int expectedHeadings = 1 + fiches.size() * (1 + spec.sections().size());
        assertEquals(expectedHeadings, census.headings.size(), census.headings.toString());
        assertEquals(1, census.headings.stream().filter(h -> h.startsWith("1:")).count(), "one plan title");
        assertEquals(fiches.size(), census.tables, "one balance table per fiche, none from text");
        assertEquals(fiches.stream().map(f -> "2:" + f.title().replaceAll("\\s*\\n\\s*", " ").strip()).toList(),
                census.headings.stream().filter(h -> h.startsWith("2:")).toList(), "fiche headings are the whole titles, as text");
    }

    @Test
    @DisplayName("FI-7: escaping keeps ordinary Dutch text readable")
    void ordinaryTextIsUntouched() {
        assertEquals("Café-overleg één keer per maand, kosten €25 (of meer)?", MarkdownExport.inline("Café-overleg één keer per maand, kosten €25 (of meer)?"));
        assertEquals("a \\< b \\& c \\* d \\_ e \\[f\\] \\| g \\` h \\~ i", MarkdownExport.inline("a < b & c * d _ e [f] | g ` h ~ i"));
        assertEquals("zie <https://x.be/a_b>.", MarkdownExport.inline("zie https://x.be/a_b."));
        assertEquals("javascript:alert(1)", MarkdownExport.inline("javascript:alert(1)"), "not a link in CommonMark: stays as typed");
    }

    /** Everything in a parsed document that user text could try to make. */
    private static final class Census extends AbstractVisitor {
        final List<String> html = new ArrayList<>();
        final List<String> images = new ArrayList<>();
        final List<String> links = new ArrayList<>();
        final List<String> code = new ArrayList<>();
        final List<String> headings = new ArrayList<>();
        final List<String> emphasis = new ArrayList<>();
        final List<String> strong = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        int tables;

        @Override
        public void visit(HtmlInline n) {
            html.add(n.getLiteral());
        }

        @Override
        public void visit(HtmlBlock n) {
            html.add(n.getLiteral());
        }

        @Override
        public void visit(Image n) {
            images.add(n.getDestination());
        }

        @Override
        public void visit(Link n) {
            links.add(n.getDestination());
            visitChildren(n);
        }

        @Override
        public void visit(Code n) {
            code.add(n.getLiteral());
        }

        @Override
        public void visit(FencedCodeBlock n) {
            code.add(n.getLiteral());
        }

        @Override
        public void visit(IndentedCodeBlock n) {
            code.add(n.getLiteral());
        }

        @Override
        public void visit(Emphasis n) {
            emphasis.add(plain(n));
            visitChildren(n);
        }

        @Override
        public void visit(StrongEmphasis n) {
            strong.add(plain(n));
            visitChildren(n);
        }

        @Override
        public void visit(Heading n) {
            headings.add(n.getLevel() + ":" + plain(n));
            visitChildren(n);
        }

        private static String plain(Node n) {
            StringBuilder b = new StringBuilder();
            n.accept(new AbstractVisitor() {
                @Override
                public void visit(Text t) {
                    b.append(t.getLiteral());
                }
            });
            return b.toString();
        }

        @Override
        public void visit(CustomBlock n) {
            if (n instanceof TableBlock) tables++;
            visitChildren(n);
        }

        @Override
        public void visit(Text n) {
            text.append(n.getLiteral());
        }

        @Override
        public void visit(org.commonmark.node.SoftLineBreak n) {
            text.append('\n');
        }

        @Override
        public void visit(org.commonmark.node.HardLineBreak n) {
            text.append('\n');
        }

        @Override
        public void visit(org.commonmark.node.Paragraph n) {
            visitChildren(n);
            text.append('\n');
        }
    }
}
