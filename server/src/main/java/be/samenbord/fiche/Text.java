package be.samenbord.fiche;

/** A text in Dutch and English; {@link #in} picks one (Dutch first). */
public record Text(String nl, String en) {

    public String in(String lang) {
        return "en".equals(lang) ? en : nl;
    }
}
