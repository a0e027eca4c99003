package be.samenbord.board.text;

import be.samenbord.board.Stamp;

import java.util.List;

/** An edit of a text field (rules TX-2..TX-4). */
public sealed interface TextOp {

    /**
     * Characters {@code text} typed as one run with ids {@code first}, {@code first + 1}, ...; the
     * first is the right (or left) child of {@code parent} (null = the start of the field), each
     * next one the right child of the one before.
     */
    record Insert(CharId first, String text, CharId parent, boolean right, Stamp stamp) implements TextOp {
    }

    /** Characters deleted, as runs of ids. */
    record Delete(List<Range> ranges, Stamp stamp) implements TextOp {
    }

    /** {@code len} characters from {@code first} on, all typed by one replica. */
    record Range(CharId first, int len) {
    }

    /** A whole field's state, as snapshots and welcomes carry it; applying it merges. */
    record State(TextField field) implements TextOp {
    }
}
