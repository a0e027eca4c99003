package be.samenbord.sync;

/** A board as REST shows it: id, template, durable seq and its items as JSON text (rule RE-4). */
public record BoardView(String id, String template, long seq, String itemsJson) {
}
