package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;
import be.samenbord.workshop.Workshop;

import java.util.List;
import java.util.Map;

/**
 * What a store read back at start: the workshops (latest version of each), the last snapshot of
 * each board that has one, and the batches stored after it, per board in seq order. Replaying
 * them with {@code BoardState.replay} rebuilds every board. {@code fresh}: the store held no data
 * at all (a first start, rule FS-1), as opposed to data that turned out empty or unreadable.
 */
public record Recovery(List<Workshop> workshops, Map<String, BoardSnapshot> snapshots,
                       Map<String, List<AcceptedBatch>> batches, List<String> warnings, boolean fresh) {

    public Recovery(List<Workshop> workshops, Map<String, BoardSnapshot> snapshots,
                    Map<String, List<AcceptedBatch>> batches, List<String> warnings) {
        this(workshops, snapshots, batches, warnings, false);
    }

    public Recovery {
        workshops = List.copyOf(workshops);
        snapshots = Map.copyOf(snapshots);
        batches = Map.copyOf(batches);
        warnings = List.copyOf(warnings);
    }
}
