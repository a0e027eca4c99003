package be.samenbord.facilitation;

import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import be.samenbord.board.template.Template;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** IT-8: a spider web's team medians, only at k or more people, each person once (their latest tab). */
class TeamValuesTest {

    private static final Template.OwnValues SPEC = new Template.OwnValues("web", List.of("physical", "mental"), 0, 10);
    private static final String[] SEATS = {"aaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbb", "cccccccccccccccccccccccc",
            "dddddddddddddddddddddddd", "eeeeeeeeeeeeeeeeeeeeeeee", "ffffffffffffffffffffffff"};
    private long ms = 1000;

    private void put(Items items, String seat, String tab, String dim, String json) {
        String replica = seat + "_" + tab;
        items.apply(new Op("web", "own_" + dim + ":" + replica, json, new Stamp(ms++, 0, replica)));
    }

    @Test
    @DisplayName("IT-8: below k people a dimension shows no median, only its count; at k the median shows")
    void medianOnlyAtK() {
        Items items = new Items();
        for (int i = 0; i < 4; i++) put(items, SEATS[i], "Tab1", "physical", String.valueOf(2 * i + 1)); // 1, 3, 5, 7
        TeamValues.Result four = TeamValues.of(items, SPEC, 5);
        assertEquals(4, four.people());
        assertEquals(4, four.dimensions().get("physical").people());
        assertNull(four.dimensions().get("physical").median());
        assertEquals(0, four.dimensions().get("mental").people());
        assertNull(four.dimensions().get("physical").counts(), "no distribution below k either");
        put(items, SEATS[4], "Tab1", "physical", "10");
        assertEquals(5.0, TeamValues.of(items, SPEC, 5).dimensions().get("physical").median(), "median of 1 3 5 7 10");
        assertEquals(List.of(0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1), TeamValues.of(items, SPEC, 5).dimensions().get("physical").counts(), "one each of 1 3 5 7 10");
        put(items, SEATS[5], "Tab1", "physical", "8");
        assertEquals(6.0, TeamValues.of(items, SPEC, 5).dimensions().get("physical").median(), "median of 1 3 5 7 8 10");
    }

    @Test
    @DisplayName("IT-8, ID-3: a person counts once, with their latest tab's value; null takes it back; a value out of range counts as none")
    void eachPersonOnce() {
        Items items = new Items();
        for (int i = 0; i < 5; i++) put(items, SEATS[i], "Tab1", "mental", "4");
        put(items, SEATS[0], "Tab2", "mental", "9"); // later, another tab of the same person
        assertEquals(5, TeamValues.of(items, SPEC, 5).dimensions().get("mental").people());
        assertEquals(4.0, TeamValues.of(items, SPEC, 5).dimensions().get("mental").median());
        put(items, SEATS[1], "Tab1", "mental", "null");
        put(items, SEATS[2], "Tab1", "mental", "42");
        TeamValues.Dimension d = TeamValues.of(items, SPEC, 5).dimensions().get("mental");
        assertEquals(3, d.people());
        assertNull(d.median());
    }
}
