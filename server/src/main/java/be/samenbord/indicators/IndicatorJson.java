package be.samenbord.indicators;

import be.samenbord.indicators.model.Indicator;
import be.samenbord.indicators.model.Outcome;
import be.samenbord.indicators.model.PrivacyRules;
import be.samenbord.indicators.model.TeamIndicators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The JSON of team indicators: the REST week report (IND-9) and an indicator item's {@code state} (IND-15). */
public final class IndicatorJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private IndicatorJson() {
    }

    /** {@code {"value":x}} or {@code {"suppressed":"3 of 5 people so far","reason":"too_few","people":3,"need":5}}. */
    static ObjectNode outcome(Outcome o, ObjectNode into) {
        if (o instanceof Outcome.Shown s) {
            into.put("value", s.value());
        } else if (o instanceof Outcome.Withheld w) {
            into.put("suppressed", w.message()).put("reason", w.reason().wire()).put("people", w.people()).put("need", w.need());
        }
        return into;
    }

    public static ObjectNode week(TeamIndicators.WeekReport r, PrivacyRules rules) {
        ObjectNode out = JSON.createObjectNode().put("week", r.week().toString()).put("contributors", r.contributors());
        ObjectNode all = out.putObject("indicators");
        r.outcomes().forEach((ind, o) -> outcome(o, all.putObject(ind.wire())).put("unit", ind.unit()).put("k", rules.kFor(ind)));
        return out;
    }

    /**
     * What an indicator item shows (IND-15): the last week's value or why it is withheld, its change
     * from the week before where IND-12 allows, and the series for the trend chart.
     */
    public static ObjectNode state(Indicator ind, PrivacyRules rules, List<TeamIndicators.WeekPoint> series) {
        TeamIndicators.WeekPoint last = series.get(series.size() - 1);
        ObjectNode out = JSON.createObjectNode().put("indicator", ind.wire()).put("unit", ind.unit()).put("k", rules.kFor(ind))
                .put("week", last.week().toString());
        outcome(last.outcome(), out);
        if (last.change() instanceof TeamIndicators.Change.Shown c) out.put("change", c.delta());
        else if (last.change() instanceof TeamIndicators.Change.Withheld w) out.put("changeWithheld", w.reason());
        ArrayNode s = out.putArray("series");
        for (TeamIndicators.WeekPoint p : series) {
            ObjectNode point = outcome(p.outcome(), s.addObject().put("week", p.week().toString()));
            if (p.change() instanceof TeamIndicators.Change.Withheld) point.put("changeWithheld", true);
        }
        return out;
    }
}
