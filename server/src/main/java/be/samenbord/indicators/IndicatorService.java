package be.samenbord.indicators;

import be.samenbord.indicators.model.Consent;
import be.samenbord.indicators.model.Day;
import be.samenbord.indicators.model.IsoWeek;
import be.samenbord.indicators.model.Kind;
import be.samenbord.indicators.model.PersonDays;
import be.samenbord.indicators.model.TeamIndicators;
import be.samenbord.indicators.store.IndicatorStore;
import be.samenbord.indicators.store.Person;
import be.samenbord.workshop.Tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * People, consent, a person's own days, erasure and the team's indicators (IND-1..IND-13). Store
 * calls block, so everything runs on {@code io}; callers get futures. Whatever changes what a team
 * aggregate rests on (an import, a consent, an erasure) is announced on {@code changed} with the
 * workshop id, so the boards showing it are rewritten (IND-15).
 */
public final class IndicatorService {

    /** How far back a person may read their own days at once. */
    static final int MAX_DAYS_READ = 3700;

    private final IndicatorStore store;
    private final TeamIndicators team;
    private final Tokens tokens;
    private final Executor io;
    private final LongSupplier clock;
    private final int maxPeople;
    private volatile Consumer<String> changed = w -> {
    };

    public IndicatorService(IndicatorStore store, TeamIndicators team, Tokens tokens, Executor io, LongSupplier clock, int maxPeople) {
        this.store = store;
        this.team = team;
        this.tokens = tokens;
        this.io = io;
        this.clock = clock;
        this.maxPeople = maxPeople;
    }

    /** Who to tell that a workshop's aggregates may have changed. */
    public void onChange(Consumer<String> listener) {
        this.changed = listener;
    }

    void changed(String workshop) {
        changed.accept(workshop);
    }

    public IndicatorStore store() {
        return store;
    }

    public TeamIndicators team() {
        return team;
    }

    /** Today on the node's clock (UTC): which ISO week is "this week". */
    public LocalDate today() {
        return java.time.Instant.ofEpochMilli(clock.getAsLong()).atOffset(ZoneOffset.UTC).toLocalDate();
    }

    public <T> CompletableFuture<T> run(IoWork<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.run();
            } catch (IndicatorStore.NoSuchPerson gone) {
                throw IndicatorRefused.notFound("no such person");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, io);
    }

    public interface IoWork<T> {
        T run() throws IOException;
    }

    /** A new person in the workshop and their key, which exists only in this answer (IND-1). */
    public record Created(Person person, String key) {
    }

    public CompletableFuture<Created> createPerson(String workshop) {
        return run(() -> {
            if (store.people(workshop).size() >= maxPeople) {
                throw new IndicatorRefused(409, "limit_reached", "this workshop has its maximum of " + maxPeople + " people");
            }
            String key = tokens.newToken();
            Person p = new Person(tokens.newId(), workshop, Tokens.hash(key), clock.getAsLong(), Consent.NONE);
            store.createPerson(p);
            return new Created(p, key);
        });
    }

    /**
     * The person {@code id} if {@code key} is theirs (IND-4): no key is 401, another key (a
     * facilitator's token, someone else's key) 403, an unknown person 404.
     */
    public CompletableFuture<Person> authenticate(String id, String key) {
        if (key == null || key.isEmpty()) {
            return CompletableFuture.failedFuture(new IndicatorRefused(401, "unauthorized", "this needs the person's key (Authorization: Bearer <key>)"));
        }
        return run(() -> {
            Person p = store.person(id).orElseThrow(() -> IndicatorRefused.notFound("no such person"));
            byte[] given = Tokens.hash(key).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(given, p.keyHash().getBytes(StandardCharsets.US_ASCII))) {
                throw IndicatorRefused.forbidden("this key is not this person's");
            }
            return p;
        });
    }

    /** Stores a consent; values of kinds it no longer allows are deleted (IND-2). */
    public CompletableFuture<Person> setConsent(Person p, Consent c) {
        return run(() -> {
            Person saved = store.saveConsent(p.id(), c);
            changed(p.workshop());
            return saved;
        });
    }

    public CompletableFuture<NavigableMap<LocalDate, Day>> days(Person p, LocalDate from, LocalDate to) {
        if (to.isBefore(from) || from.plusDays(MAX_DAYS_READ).isBefore(to)) {
            return CompletableFuture.failedFuture(new IndicatorRefused(400, "bad_request", "from..to must be 0-" + MAX_DAYS_READ + " days"));
        }
        return run(() -> store.days(p.id(), from, to));
    }

    /** Deletes the person and everything of theirs; every aggregate they fed is recomputed (IND-13). */
    public CompletableFuture<Void> erase(Person p) {
        return run(() -> {
            store.erase(p.id());
            changed(p.workshop());
            return null;
        });
    }

    /** One week of a workshop's indicators (IND-9..IND-12). */
    public CompletableFuture<TeamIndicators.WeekReport> week(String workshop, IsoWeek week) {
        return run(() -> team.week(week, store.team(workshop, TeamIndicators.firstDayNeeded(week), week.sunday())));
    }

    /** What a facilitator may see (IND-8): counts of people and consents, contributors this week; never a value. */
    public record Counts(int people, Map<Kind, Integer> consents, int team, int contributorsThisWeek, IsoWeek week) {
    }

    public CompletableFuture<Counts> counts(String workshop) {
        IsoWeek now = IsoWeek.of(today());
        return run(() -> {
            List<Person> people = store.people(workshop);
            Map<Kind, Integer> byKind = new java.util.EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) byKind.put(k, (int) people.stream().filter(p -> p.consent().allows(k)).count());
            int shared = (int) people.stream().filter(p -> p.consent().team()).count();
            Map<String, PersonDays> days = store.team(workshop, TeamIndicators.firstDayNeeded(now), now.sunday());
            return new Counts(people.size(), byKind, shared, team.week(now, days).contributors(), now);
        });
    }
}
