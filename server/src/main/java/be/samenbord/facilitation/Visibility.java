package be.samenbord.facilitation;

import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Register;
import be.samenbord.board.Stamp;
import be.samenbord.workshop.Seats;

import java.util.ArrayList;
import java.util.List;

/**
 * What one viewer may see of a board while private writing, a vote or anonymity hides things
 * (rules FA-6, FA-7, FA-11). A note written during private writing belongs to the person (ID-3)
 * whose replica stamped its {@code kind}; a vote field {@code vote:<replica>} to that replica's
 * person; on an anonymous board every note's {@code author} is hidden from everyone; an own value
 * {@code own_<name>:<replica>} (IT-8) from everyone but that replica's person, always. Pure.
 */
public final class Visibility {

    /** The register that names who wrote a note (IT-1), hidden on an anonymous board (FA-11). */
    public static final String AUTHOR = "author";

    private final Stamp privateSince;
    private final boolean voteOpen;
    private final boolean anonymous;
    private final boolean ownValues;

    private Visibility(Stamp privateSince, boolean voteOpen, boolean anonymous, boolean ownValues) {
        this.privateSince = privateSince;
        this.voteOpen = voteOpen;
        this.anonymous = anonymous;
        this.ownValues = ownValues;
    }

    /** The visibility of a board now, or null when nothing is hidden (the common, fast case). */
    public static Visibility of(Items items) {
        BoardControl c = BoardControl.read(items);
        boolean own = items.hasOwnValues();
        return c.hidesAnything() || own ? new Visibility(c.privateSince(), c.voteOpen(), c.anonymous(), own) : null;
    }

    /**
     * Whether {@code viewer} (a replica id; null for a reader without one, like the REST view) must
     * not see register {@code field} of {@code item}.
     */
    public boolean hides(String viewer, String item, String field, Items items) {
        // FA-11: nobody, the writer's other tabs and the facilitator included, gets an author back.
        if (anonymous && field.equals(AUTHOR) && !BoardControl.reserved(item)) return true;
        if (voteOpen && field.startsWith("vote:") && !Seats.samePerson(field.substring(5), viewer)) return true;
        // IT-8: an own value is its person's alone; a reader without a replica (REST) never gets one.
        if (ownValues && Items.isOwnValue(field) && !Seats.samePerson(field.substring(field.indexOf(':') + 1), viewer)) return true;
        return hidesItem(viewer, item, items);
    }

    /**
     * Whether the whole item is someone else's private note for {@code viewer}: written during
     * private writing by another person (ID-3: a person's tabs see their own notes).
     */
    public boolean hidesItem(String viewer, String item, Items items) {
        if (privateSince == null || BoardControl.reserved(item)) return false;
        Stamp origin = origin(items, item);
        return origin != null && origin.isAfter(privateSince) && !Seats.samePerson(origin.replica(), viewer);
    }

    /** Whether item ids themselves may be hidden from someone (private writing), not only dots. */
    public boolean hidesItems() {
        return privateSince != null;
    }

    /** Who wrote the item first: the stamp of its {@code kind}, else its oldest register (search names its owner, SE-6). */
    public static Stamp origin(Items items, String item) {
        Register kind = items.get(item, "kind");
        if (kind != null) return kind.stamp();
        Stamp oldest = null;
        for (Register r : items.item(item).values()) {
            if (oldest == null || oldest.isAfter(r.stamp())) oldest = r.stamp();
        }
        return oldest;
    }

    /** The ops {@code viewer} may see, in order. */
    public static List<Op> filter(Visibility v, String viewer, List<Op> ops, Items items) {
        if (v == null) return ops;
        List<Op> out = new ArrayList<>(ops.size());
        for (Op op : ops) {
            if (!v.hides(viewer, op.item(), op.field(), items)) out.add(op);
        }
        return out;
    }

    /** The board as {@code viewer} may see it (a copy when anything is hidden). */
    public static Items filter(Visibility v, String viewer, Items items) {
        if (v == null) return items;
        Items out = new Items();
        items.forEachOp(op -> {
            if (!v.hides(viewer, op.item(), op.field(), items)) out.apply(op);
        });
        return out;
    }

    /**
     * What {@code viewer} could not see under {@code before} and may see under {@code after}: sent
     * with the batch that changed the board's control, so a reveal needs no reload.
     */
    public static List<Op> revealed(Visibility before, Visibility after, String viewer, Items items) {
        List<Op> out = new ArrayList<>();
        if (before == null) return out;
        items.forEachOp(op -> {
            if (before.hides(viewer, op.item(), op.field(), items)
                    && (after == null || !after.hides(viewer, op.item(), op.field(), items))) {
                out.add(op);
            }
        });
        return out;
    }
}
