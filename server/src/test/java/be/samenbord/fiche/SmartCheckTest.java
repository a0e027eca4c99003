package be.samenbord.fiche;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FI-4: SMART derived from filled fields, with the real spec's rules. */
class SmartCheckTest {

    static final FicheSpec SPEC = FicheSpecLoader.load(new ObjectMapper());

    @Test
    @DisplayName("FI-4: each criterion turns on as its fields are filled; a step needs a date to count")
    void criteriaFollowTheFields() {
        Map<String, String> v = new HashMap<>();
        List<FicheDoc.Step> steps = List.of();
        assertEquals(List.of("specific", "measurable", "acceptable", "realistic", "timeBound"), SmartCheck.check(SPEC, v, steps).missing());
        v.put("title", "Teamlunch");
        v.put("targetGroup", "verpleegkundigen");
        v.put("need", "   ");
        assertTrue(SmartCheck.check(SPEC, v, steps).missing().contains("specific"), "blank does not count");
        v.put("intendedImpact", "meer verbinding");
        assertTrue(SmartCheck.check(SPEC, v, steps).met().get("specific"));
        v.put("indicators", "deelname");
        assertTrue(SmartCheck.check(SPEC, v, steps).missing().contains("measurable"), "indicators alone are not enough");
        v.put("instruments", "aanwezigheidslijst");
        assertTrue(SmartCheck.check(SPEC, v, steps).met().get("measurable"));
        assertTrue(SmartCheck.check(SPEC, v, List.of(new FicheDoc.Step("", "ooit"))).missing().contains("timeBound"));
        assertTrue(SmartCheck.check(SPEC, v, List.of(new FicheDoc.Step("2026-12-01", "eerste lunch"))).met().get("timeBound"));
        v.put("visionValues", "zorg voor elkaar");
        v.put("driver", "An");
        v.put("resources", "budget");
        v.put("partners", "HR");
        assertTrue(SmartCheck.check(SPEC, v, List.of(new FicheDoc.Step("2026-12-01", "eerste lunch"))).complete());
    }

    @Test
    @DisplayName("FI-1: the spec has 21 sections in order and every SMART rule names real fields")
    void specShape() {
        assertEquals(21, SPEC.sections().size());
        for (int i = 0; i < 21; i++) assertEquals(i + 1, SPEC.sections().get(i).number());
        for (FicheSpec.SmartRule rule : SPEC.smart()) {
            rule.requires().forEach(group -> group.forEach(f ->
                    assertTrue(f.equals(FicheSpec.DATED_STEP) || SPEC.field(f).isPresent(), rule.id() + " names " + f)));
        }
    }
}
