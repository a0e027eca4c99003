package be.samenbord.e2e;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.Axe;
import be.samenbord.testkit.Browser;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.Screenshots;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20, own values (seed 002, rule IT-8): on the Positive Health spider web five people give
 * their own marks in their own browsers; nobody sees another's marks; the team's medians show only
 * once k = 5 people took part, the same in every browser. On the Eigen Regie model the team's spread
 * of answers per statement shows the same way.
 */
@ExtendWith(Screenshots.class)
class OwnValuesE2EIT {

    static final String[] DIMENSIONS = {"physical", "mental", "meaning", "quality", "participation", "daily"};

    static NodeProcess node;
    static Api api;
    static JsonNode workshop;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(Files.createTempDirectory("samenbord-e2e"), Map.of("SAMENBORD_DEMO", "false"));
        api = new Api(node.base());
        workshop = api.createWorkshop("Positieve Gezondheid in het team", "positive-health-web", "eigen-regie");
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(node);
    }

    /** Person i's mark on dimension j: medians over five people are 4, 5, 6, 5, 6, 5. */
    static int mark(int person, int dimension) {
        return (person * 2 + dimension) % 11;
    }

    @Test
    @DisplayName("IT-8: with four people marked the team median stays hidden in every browser; the fifth brings it, equal to the medians of the marks; each sees only their own marks")
    void teamMedianOnlyAtK() {
        String board = Api.boardOf(workshop, "positive-health-web");
        Browser[] people = new Browser[5];
        try {
            openAsFive(people, board);
            for (int i = 0; i < 4; i++) markAll(people[i], i);
            for (Browser b : people) {
                b.waitFor(d -> "4".equals(d.findElement(By.id("team-web-status")).getDomAttribute("data-people")) ? true : null, "four people counted");
                assertTrue(b.find(By.id("team-web-status")).getText().contains("5"), "says it needs 5: " + b.find(By.id("team-web-status")).getText());
                for (String d : DIMENSIONS) {
                    assertEquals(null, b.find(By.cssSelector("[data-team-median='" + d + "']")).getDomAttribute("data-median"), "no median of four for " + d);
                }
                assertEquals(null, b.find(By.cssSelector("polygon.team-web")).getDomAttribute("data-shown"));
            }
            Screenshots.save(people[1], "methods-spider-web-four-1400x1000");
            markAll(people[4], 4);
            double[] medians = {4, 5, 6, 5, 6, 5};
            for (Browser b : people) {
                for (int j = 0; j < DIMENSIONS.length; j++) {
                    By median = By.cssSelector("[data-team-median='" + DIMENSIONS[j] + "'][data-median='" + (int) medians[j] + "']");
                    b.waitFor(d -> d.findElements(median).size() == 1 ? true : null, "the team median of " + DIMENSIONS[j]);
                }
                assertTrue(b.find(By.cssSelector("polygon.team-web")).getDomAttribute("data-shown") != null, "the team's web is drawn");
            }
            for (int i = 0; i < people.length; i++) {
                for (int j = 0; j < DIMENSIONS.length; j++) {
                    assertEquals(String.valueOf(mark(i, j)), people[i].find(By.cssSelector("select[data-own-value='" + DIMENSIONS[j] + "']")).getDomProperty("value"),
                            "person " + i + " sees their own mark");
                }
            }
            JsonNode rest = api.get("/api/boards/" + board, workshop.path("tokens").path("facilitator").asText()).body();
            assertFalse(rest.toString().contains("own_"), "not even the facilitator reads anyone's marks: " + rest);
            assertEquals(List.of(), Axe.violations(people[0]), "the spider web with the team's medians");
            Screenshots.save(people[0], "methods-spider-web-team-1400x1000");
        } finally {
            E2E.closeAll(people);
        }
    }

    @Test
    @DisplayName("IT-8 as a scale: five people answer two Eigen Regie statements; the team's spread shows per statement only at five, equal to the answers, in every browser")
    void eigenRegieSpreadOnlyAtK() {
        String board = Api.boardOf(workshop, "eigen-regie");
        Browser[] people = new Browser[5];
        try {
            openAsFive(people, board);
            for (int i = 0; i < 5; i++) {
                answer(people[i], "able", String.valueOf(i + 1));
                answer(people[i], "dare", i < 3 ? "4" : "5");
                if (i == 3) {
                    for (Browser b : people) {
                        b.waitFor(d -> "4".equals(d.findElement(By.id("team-scale-status")).getDomAttribute("data-people")) ? true : null, "four counted");
                        assertEquals(null, b.find(By.cssSelector("[data-team-counts='able']")).getDomAttribute("data-counts"), "no spread of four");
                    }
                }
            }
            for (Browser b : people) {
                b.waitFor(d -> d.findElements(By.cssSelector("[data-team-counts='able'][data-counts='1,1,1,1,1']")).size() == 1 ? true : null, "the spread of 'Ik kan'");
                b.waitFor(d -> d.findElements(By.cssSelector("[data-team-counts='dare'][data-counts='0,0,0,3,2']")).size() == 1 ? true : null, "the spread of 'Ik durf'");
                assertEquals(null, b.find(By.cssSelector("[data-team-counts='want']")).getDomAttribute("data-counts"), "a statement nobody answered shows nothing");
            }
            assertEquals("2", people[1].find(By.cssSelector("select[data-own-value='able']")).getDomProperty("value"), "Anna sees her own answer");
            assertEquals(List.of(), Axe.violations(people[0]), "the Eigen Regie board with the team's spread");
            Screenshots.save(people[0], "methods-eigen-regie-1400x1000");
        } finally {
            E2E.closeAll(people);
        }
    }

    /** A facilitator and four participants, each in their own browser, on {@code board}. */
    private static void openAsFive(Browser[] people, String board) {
        people[0] = Browser.start();
        E2E.join(people[0], workshop.path("links").path("facilitator").asText(), null, "Fien");
        Browser[] participants = new Browser[4];
        try {
            E2E.joinAll(participants, workshop.path("links").path("participant").asText(), "Anna", "Bram", "Chris", "Dana");
        } finally {
            System.arraycopy(participants, 0, people, 1, 4); // so the caller closes every browser started
        }
        for (Browser b : people) E2E.openBoardTab(b, board);
    }

    private static void answer(Browser b, String statement, String value) {
        By select = By.cssSelector("select[data-own-value='" + statement + "']");
        b.waitFor(d -> d.findElements(select).size() == 1 ? true : null, "the select of " + statement);
        new Select(b.find(select)).selectByValue(value);
    }

    private static void markAll(Browser b, int person) {
        for (int j = 0; j < DIMENSIONS.length; j++) {
            By select = By.cssSelector("select[data-own-value='" + DIMENSIONS[j] + "']");
            b.waitFor(d -> d.findElements(select).size() == 1 ? true : null, "the select of " + DIMENSIONS[j]);
            new Select(b.find(select)).selectByValue(String.valueOf(mark(person, j)));
        }
    }
}
