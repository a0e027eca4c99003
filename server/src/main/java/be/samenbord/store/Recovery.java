package be.samenbord.store;

import be.samenbord.workshop.Workshop;

import java.util.List;

/**
 * What a store read back at start: the workshops (latest version of each) and what it had to
 * report. Boards are not read at start: each is loaded on first use ({@link Store#loadBoard}).
 * {@code fresh}: the store held no data at all (a first start, rule FS-1), as opposed to data
 * that turned out empty or unreadable.
 */
public record Recovery(List<Workshop> workshops, List<String> warnings, boolean fresh) {

    public Recovery {
        workshops = List.copyOf(workshops);
        warnings = List.copyOf(warnings);
    }
}
