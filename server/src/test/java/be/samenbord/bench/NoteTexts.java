package be.samenbord.bench;

import java.util.SplittableRandom;

/**
 * Dutch note texts for the search benchmark, made up from word lists in the way a wellbeing-at-work
 * training talks (nothing taken from the seed documents): "Het team wil vaker overleg over de
 * werkdruk op maandag". Seeded, so a run can be repeated; the common words come up far more often
 * than the rare ones, as in real notes.
 */
final class NoteTexts {

    static final String[] SUBJECTS = {"het team", "de nachtploeg", "onze afdeling", "de leidinggevende", "elke collega",
        "de werkgroep", "nieuwe medewerkers", "de directie", "de zorgraad", "iedereen", "de vrijwilligers", "het onthaal"};
    static final String[] VERBS = {"wil", "vraagt", "mist", "ervaart", "plant", "bespreekt", "zoekt", "waardeert",
        "verbetert", "organiseert", "bewaakt", "deelt"};
    static final String[] NOUNS = {"werkdruk", "overleg", "pauzes", "feedback", "planning", "rust", "grenzen", "energie",
        "stress", "steun", "ruimte", "afspraken", "focus", "balans", "vergaderingen", "thuiswerk", "waardering", "autonomie",
        "opleiding", "groei", "verzuim", "ziekteverzuim", "teamoverleg", "werkplek", "beweging", "slaap", "herstel",
        "communicatie", "erkenning", "roosters", "diensten", "overdracht", "werkdrukte", "samenwerking", "vertrouwen",
        "inspraak", "duidelijkheid", "ondersteuning", "loopbaan", "gezondheid", "welzijn", "veiligheid", "teamgeest",
        "wandelingen", "lunchpauze", "stilteruimte", "mentoring", "intervisie", "coaching", "reorganisatie"};
    static final String[] PLACES = {"op maandag", "na de vergadering", "tijdens de overdracht", "in de zomer", "bij drukte",
        "in het weekend", "voor nieuwe collega's", "met de directie", "elke week", "na een lange dienst", "op de werkvloer",
        "bij de koffie", "rond de deadline", "in de teamruimte"};
    static final String[] ADJECTIVES = {"meer", "minder", "vaker", "betere", "duidelijke", "korte", "vaste", "echte",
        "reële", "gezonde", "eerlijke", "rustige"};

    private final SplittableRandom rnd;

    NoteTexts(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    /** A word list entry, the first entries far more often (about Zipf with exponent 1). */
    String pick(String[] words) {
        double u = rnd.nextDouble();
        int i = (int) Math.floor(Math.pow(words.length + 1, u)) - 1;
        return words[Math.max(0, Math.min(words.length - 1, i))];
    }

    String note() {
        StringBuilder b = new StringBuilder(120);
        String subject = pick(SUBJECTS);
        b.append(Character.toUpperCase(subject.charAt(0))).append(subject.substring(1)).append(' ').append(pick(VERBS)).append(' ')
                .append(pick(ADJECTIVES)).append(' ').append(pick(NOUNS));
        if (rnd.nextInt(3) > 0) b.append(' ').append(pick(PLACES));
        if (rnd.nextInt(2) == 0) b.append(", want ").append(pick(NOUNS)).append(" en ").append(pick(NOUNS)).append(" horen samen");
        return b.append('.').toString();
    }

    /**
     * A query as someone types it: a word cut short (still typing), a whole word, two words, or a
     * word with one typo; {@code [query]} with a trailing space when the last word is finished.
     */
    String query() {
        String word = rnd.nextInt(4) == 0 ? pick(SUBJECTS).replaceFirst("^\\S+ ", "") : pick(NOUNS);
        return switch (rnd.nextInt(4)) {
            case 0 -> word.substring(0, Math.min(word.length(), 2 + rnd.nextInt(Math.max(1, word.length() - 1))));
            case 1 -> word + " ";
            case 2 -> word + " " + pick(NOUNS).substring(0, 3);
            default -> typo(word) + " ";
        };
    }

    private String typo(String word) {
        if (word.length() < 5) return word;
        int i = 1 + rnd.nextInt(word.length() - 2);
        return word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2);
    }
}
