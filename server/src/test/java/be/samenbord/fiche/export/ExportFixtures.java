package be.samenbord.fiche.export;

import be.samenbord.fiche.FicheDoc;
import be.samenbord.fiche.FicheSpec;
import be.samenbord.fiche.FicheSpecLoader;
import be.samenbord.fiche.SmartCheck;
import be.samenbord.fiche.Text;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fiche spec for export tests: the real one from the templates library when it is on the
 * class path, otherwise one built by hand in the same shape (header title + driver, 21 sections).
 */
final class ExportFixtures {

    static final String COMMA_QUOTE_NEWLINE = "Budget: €1.500, \"ruim\" genoeg\nTweede regel, met ë en ï";
    static final String ACCENTS = "Café-overleg één keer per maand, kosten €25 per deelnemer";
    static final String HEADING_ATTEMPT = "# Geen kop\n## ook geen kop\n---\n1. geen lijst\n> geen citaat";

    private ExportFixtures() {
    }

    static FicheSpec spec() {
        if (ExportFixtures.class.getClassLoader().getResource("samenbord/fiche/action-fiche.json") != null) {
            return FicheSpecLoader.load(new ObjectMapper());
        }
        return handBuilt();
    }

    /** Three fiches; every field filled except a few, with accents, a multi-line value and CSV-hostile text. */
    static List<FicheDoc> fiches(FicheSpec spec) {
        List<FicheSpec.Field> fields = spec.fields();
        List<FicheDoc> out = new ArrayList<>();
        String[] titles = {"Fietsstraat in de Kerkstraat", "Geveltuinen één per straat", "Buurtcafé € kas"};
        for (int n = 0; n < 3; n++) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                String id = fields.get(i).id();
                if (n == 2 && i % 4 == 3) continue; // some empty fields in the third fiche
                values.put(id, "Waarde " + (n + 1) + "." + (i + 1) + " voor " + id + " (idee, ë)");
            }
            values.put("title", titles[n]);
            values.put("driver", "Zoë Verbeeck");
            FicheSpec.Field second = firstSectionField(spec, 0);
            FicheSpec.Field third = firstSectionField(spec, 1);
            FicheSpec.Field fourth = firstSectionField(spec, 2);
            values.put(second.id(), ACCENTS);
            values.put(third.id(), "Eerste regel\nTweede regel met naïef\nDerde regel");
            values.put(fourth.id(), n == 0 ? COMMA_QUOTE_NEWLINE : HEADING_ATTEMPT);
            List<FicheDoc.Step> steps = n == 1 ? List.of() : List.of(
                    new FicheDoc.Step("2025-03-01", "Bewoners uitnodigen"),
                    new FicheDoc.Step("2025-04-15", "Proefopstelling, \"tijdelijk\"\nmet evaluatie"),
                    new FicheDoc.Step("", "Nog te plannen"));
            List<FicheDoc.BalanceEntry> balance = n == 0 ? List.of(
                    new FicheDoc.BalanceEntry("gain-short", "Veiliger voor kinderen"),
                    new FicheDoc.BalanceEntry("loss-long", "Minder parkeerplaatsen | impact")) : List.of();
            String status = spec.statusIds().get(n % spec.statusIds().size());
            out.add(new FicheDoc("fiche-" + (n + 1), status, values, steps, balance,
                    "board:b" + n + "/row:" + (n + 2), SmartCheck.check(spec, values, steps)));
        }
        return out;
    }

    private static FicheSpec.Field firstSectionField(FicheSpec spec, int index) {
        return spec.sections().stream().filter(s -> !s.fields().isEmpty()).skip(index).findFirst().orElseThrow().fields().get(0);
    }

    private static FicheSpec handBuilt() {
        String[][] sections = {
                {"problem", "Probleem", "Problem"}, {"goal", "Doel", "Goal"}, {"targetGroup", "Doelgroep", "Target group"},
                {"background", "Achtergrond", "Background"}, {"approach", "Aanpak", "Approach"},
                {"partners", "Betrokken partners", "Partners involved"}, {"resources", "Middelen", "Resources"},
                {"results", "Resultaten", "Results"}, {"indicators", "Indicatoren", "Indicators"},
                {"budget", "Begroting", "Budget"}, {"risks", "Risico's", "Risks"}, {"opportunities", "Kansen", "Opportunities"},
                {"communication", "Communicatie", "Communication"}, {"participation", "Inspraak", "Participation"},
                {"planning", "Planning", "Timing"}, {"responsibilities", "Verantwoordelijkheden", "Responsibilities"},
                {"followUp", "Opvolging", "Follow-up"}, {"sustainability", "Duurzaamheid", "Sustainability"},
                {"links", "Verbanden met andere acties", "Links with other actions"}, {"remarks", "Opmerkingen", "Remarks"},
                {"steps", "Stappenplan", "Steps"}};
        List<FicheSpec.Section> list = new ArrayList<>();
        for (int i = 0; i < sections.length; i++) {
            String[] s = sections[i];
            Text question = new Text("Wat is " + s[1].toLowerCase() + "?", "What is " + s[2].toLowerCase() + "?");
            List<FicheSpec.Field> fields = switch (s[0]) {
                case "results" -> List.of(field("resultsShort", "Korte termijn", "Short term"),
                        field("resultsMid", "Middellange termijn", "Medium term"), field("resultsLong", "Lange termijn", "Long term"));
                case "followUp" -> List.of(field("followUpInterim", "Tussentijds", "Interim"),
                        field("followUpFinal", "Eindevaluatie", "Final evaluation"));
                case "steps" -> List.of();
                default -> List.of(new FicheSpec.Field(s[0], new Text(s[1], s[2]), question));
            };
            list.add(new FicheSpec.Section(i + 1, s[0], new Text(s[1], s[2]), question, s[0].equals("steps"), fields));
        }
        return new FicheSpec(new Text("Actiefiche", "Action fiche"),
                List.of(field("title", "Titel", "Title"), field("driver", "Trekker", "Lead")), list,
                List.of(new FicheSpec.Status("draft", new Text("Ontwerp", "Draft")),
                        new FicheSpec.Status("ready", new Text("Klaar voor bespreking", "Ready for review")),
                        new FicheSpec.Status("approved", new Text("Goedgekeurd", "Approved"))),
                List.of(rule("specific", "Specifiek", "Specific", List.of(List.of("goal"))),
                        rule("measurable", "Meetbaar", "Measurable", List.of(List.of("indicators"))),
                        rule("acceptable", "Aanvaardbaar", "Acceptable", List.of(List.of("participation", "partners"))),
                        rule("realistic", "Realistisch", "Realistic", List.of(List.of("resources"), List.of("budget"))),
                        rule("timeBound", "Tijdsgebonden", "Time-bound", List.of(List.of(FicheSpec.DATED_STEP)))),
                new Text("Afweging", "Balance"),
                List.of(new FicheSpec.Quadrant("gain-short", new Text("Winst op korte termijn", "Short-term gain")),
                        new FicheSpec.Quadrant("gain-long", new Text("Winst op lange termijn", "Long-term gain")),
                        new FicheSpec.Quadrant("loss-short", new Text("Verlies op korte termijn", "Short-term loss")),
                        new FicheSpec.Quadrant("loss-long", new Text("Verlies op lange termijn", "Long-term loss"))),
                "{}");
    }

    private static FicheSpec.Field field(String id, String nl, String en) {
        return new FicheSpec.Field(id, new Text(nl, en), new Text("", ""));
    }

    private static FicheSpec.SmartRule rule(String id, String nl, String en, List<List<String>> requires) {
        return new FicheSpec.SmartRule(id, new Text(nl, en), new Text("", ""), requires);
    }
}
