package be.samenbord.board.text;

/** An op that does not fit the field (unknown or reused character ids); nothing of it was applied. */
public final class TextException extends RuntimeException {

    public TextException(String message) {
        super(message);
    }
}
