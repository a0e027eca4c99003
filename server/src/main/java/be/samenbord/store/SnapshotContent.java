package be.samenbord.store;

import be.samenbord.board.BoardSnapshot;
import be.samenbord.workshop.Workshop;

import java.util.List;

/** Everything a node holds at one moment: workshops and the state of each board. */
public record SnapshotContent(List<Workshop> workshops, List<BoardSnapshot> boards) {

    public SnapshotContent {
        workshops = List.copyOf(workshops);
        boards = List.copyOf(boards);
    }
}
