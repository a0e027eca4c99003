package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;
import be.samenbord.workshop.Workshop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static be.samenbord.store.StoreFixtures.await;

/**
 * What a store gives back, read the way a node reads it: {@link Store#recover} for the workshops,
 * then one {@link Store#loadBoard} per board. {@code snapshots} and {@code batches} hold only the
 * boards that have one; {@code warnings} are the recovery's, {@code loadWarnings} the loads'.
 */
record StoreReads(List<Workshop> workshops, Map<String, BoardSnapshot> snapshots, Map<String, List<AcceptedBatch>> batches,
                  List<String> warnings, List<String> loadWarnings, boolean fresh) {

    /** Loads {@code boards} from a store that has recovered as {@code r}. */
    static StoreReads of(Store store, Recovery r, String... boards) {
        Map<String, BoardSnapshot> snapshots = new LinkedHashMap<>();
        Map<String, List<AcceptedBatch>> batches = new LinkedHashMap<>();
        List<String> loadWarnings = new ArrayList<>();
        for (String board : boards) {
            Store.BoardLoad load = await(store.loadBoard(board));
            if (load.snapshot() != null) snapshots.put(board, load.snapshot());
            if (!load.batches().isEmpty()) batches.put(board, load.batches());
            loadWarnings.addAll(load.warnings());
        }
        return new StoreReads(r.workshops(), snapshots, batches, r.warnings(), loadWarnings, r.fresh());
    }

    /** Recovers {@code store} and loads {@code boards}. */
    static StoreReads recover(Store store, String... boards) throws java.io.IOException {
        return of(store, store.recover(), boards);
    }
}
