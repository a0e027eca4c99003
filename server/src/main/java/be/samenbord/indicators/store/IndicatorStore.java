package be.samenbord.indicators.store;

import be.samenbord.indicators.model.Consent;
import be.samenbord.indicators.model.Day;
import be.samenbord.indicators.model.PersonDays;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * Where people, their consent and their days are kept (IND-14): the embedded store's files or
 * PostgreSQL tables, every health value sealed ({@link Vault}). Calls block (run them off event
 * loops); each call that changes data is one transaction: it happens whole or not at all.
 * Implementations pass {@code IndicatorStoreContract}.
 */
public interface IndicatorStore extends AutoCloseable {

    /** Thrown when a person is not there (erased meanwhile, or never made). */
    final class NoSuchPerson extends IOException {
        public NoSuchPerson(String id) {
            super("no person " + id);
        }
    }

    void createPerson(Person p) throws IOException;

    Optional<Person> person(String id) throws IOException;

    /** Everyone of a workshop (for counts; no values). */
    List<Person> people(String workshop) throws IOException;

    /**
     * Stores a new consent; every stored value of a kind it no longer allows is deleted in the same
     * transaction (IND-2).
     */
    Person saveConsent(String person, Consent consent) throws IOException;

    /**
     * Adds an import's days in one transaction (IND-7): a day's fields that the import knows
     * replace the stored ones, others stay. Fails with {@link NoSuchPerson} if the person is gone.
     */
    void mergeDays(String person, List<Day> days) throws IOException;

    /** A person's own days from {@code from} to {@code to}, inclusive. */
    NavigableMap<LocalDate, Day> days(String person, LocalDate from, LocalDate to) throws IOException;

    /** The days of every person of a workshop who shares with the team (IND-8), by person id. */
    Map<String, PersonDays> team(String workshop, LocalDate from, LocalDate to) throws IOException;

    /** Deletes a person, every day and every import record of theirs (IND-13). */
    void erase(String person) throws IOException;

    /** Deletes every day before {@code cutoff} (the retention period, IND-14); returns how many. */
    int purgeBefore(LocalDate cutoff) throws IOException;

    void savePlacement(Placement p) throws IOException;

    void deletePlacement(String board, String item) throws IOException;

    List<Placement> placements(String workshop) throws IOException;

    List<Placement> allPlacements() throws IOException;

    void saveImport(ImportStatus s) throws IOException;

    Optional<ImportStatus> importStatus(String id) throws IOException;

    @Override
    void close() throws IOException;
}
