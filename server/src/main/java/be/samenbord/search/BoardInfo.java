package be.samenbord.search;

/** Where a board belongs and what its workshop is written in (rule SE-3), as the index needs it. */
public record BoardInfo(String workshop, String lang, String template) {
}
