package be.samenbord.indicators.model;

/**
 * What a person allows (IND-2): each kind of data on its own, and, apart from that, whether their
 * days may feed the team's aggregates. Nothing is imported of a kind without its consent.
 */
public record Consent(boolean sleep, boolean activity, boolean heart, boolean team) {

    public static final Consent NONE = new Consent(false, false, false, false);

    public boolean allows(Kind kind) {
        return switch (kind) {
            case SLEEP -> sleep;
            case ACTIVITY -> activity;
            case HEART -> heart;
        };
    }

    /** Whether anything at all may be imported. */
    public boolean anyKind() {
        return sleep || activity || heart;
    }

    /** Whether this person's {@code kind} feeds team aggregates. */
    public boolean sharesWithTeam(Kind kind) {
        return team && allows(kind);
    }
}
