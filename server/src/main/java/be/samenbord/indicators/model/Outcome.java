package be.samenbord.indicators.model;

/** A team indicator for one week: its shown value, or why it is withheld (IND-10, IND-12). */
public sealed interface Outcome {

    /** Distinct people whose data this outcome rests on (or would). */
    int people();

    /** A value that passed every rule, already rounded (IND-11). */
    record Shown(double value, int people) implements Outcome {
    }

    /** Withheld: {@code need} is the k that applies. */
    record Withheld(Reason reason, int people, int need) implements Outcome {

        /** Plain English, as the contract's {@code suppressed} string: "3 of 5 people so far". */
        public String message() {
            return switch (reason) {
                case TOO_FEW -> people + " of " + need + " people so far";
                case DOMINANCE -> "one person would supply more than half of the data";
            };
        }
    }

    enum Reason {
        TOO_FEW("too_few"), DOMINANCE("dominance");

        private final String wire;

        Reason(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
