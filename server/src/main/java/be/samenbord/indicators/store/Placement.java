package be.samenbord.indicators.store;

/** An indicator item on a board (IND-15): which indicator and how many weeks up to the current one. */
public record Placement(String workshop, String board, String item, String indicator, int weeks, long createdAt) {
}
