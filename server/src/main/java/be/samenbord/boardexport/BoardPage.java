package be.samenbord.boardexport;

import java.util.List;

/**
 * One board as an export draws it, in the template's canvas units: its zones (outline and label)
 * and its notes as everyone may read them (the REST view: FA-6, FA-7, FA-11 already applied).
 *
 * @param title the board's template title in the export's language
 */
public record BoardPage(String title, double width, double height, List<Zone> zones, List<Note> notes, List<Line> arrows) {

    public BoardPage {
        zones = List.copyOf(zones);
        notes = List.copyOf(notes);
        arrows = List.copyOf(arrows);
    }

    /** A change map's arrow (IT-6), from ({@code x1}, {@code y1}) to its head at ({@code x2}, {@code y2}). */
    public record Line(double x1, double y1, double x2, double y2) {
    }

    /** A zone: a rect ({@code inner} and {@code outer} 0) or a ring around ({@code cx}, {@code cy}). */
    public record Zone(String id, String label, boolean ring, double x, double y, double w, double h,
                       double cx, double cy, double inner, double outer) {
    }

    /**
     * A note at ({@code x}, {@code y}); {@code author} is empty when the board hides it (FA-11) or the
     * note has none; {@code color} is the note's CSS colour as written.
     */
    public record Note(String id, String text, String author, String color, double x, double y, double w, double h, String z) {
    }
}
