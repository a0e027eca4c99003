package be.samenbord.indicators;

import be.samenbord.indicators.importer.Accumulator;
import be.samenbord.indicators.importer.ExportReader;
import be.samenbord.indicators.importer.ImportFailure;
import be.samenbord.indicators.store.ImportStatus;
import be.samenbord.indicators.store.IndicatorStore;
import be.samenbord.indicators.store.Person;
import be.samenbord.workshop.Tokens;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.function.DoubleConsumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Imports as jobs (IND-4, IND-7): at most {@code slots} at once per node (more get 503 busy), each
 * reading its source on a worker, keeping a status (state, progress, days, warnings, error) in the
 * store, and storing the days in one transaction at the end: a failure at any point stores
 * nothing. Logs say which import, how many days and bytes, how long, and error codes; never a value.
 */
public final class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class.getName());
    private static final long PROGRESS_EVERY_MS = 250;

    private final IndicatorService service;
    private final ExecutorService workers;
    private final Semaphore slots;
    private final Tokens tokens;
    private final LongSupplier clock;

    public ImportJobs(IndicatorService service, ExecutorService workers, int slots, Tokens tokens, LongSupplier clock) {
        this.service = service;
        this.workers = workers;
        this.slots = new Semaphore(slots);
        this.tokens = tokens;
        this.clock = clock;
    }

    /** What the upload says about itself: its time zone, the day of a dateless document, its file name, its length. */
    public record UploadInfo(ZoneId zone, LocalDate date, String fileName, long length) {
    }

    /** An upload in progress: the HTTP side writes into {@code pipe}. */
    public record Upload(String id, UploadPipe pipe, CompletableFuture<ImportStatus> finished) {
    }

    /** What an import reads: fed with a progress sink (0..1), returns the days read. */
    public interface Reading {
        ExportReader.Result read(DoubleConsumer progress) throws IOException;
    }

    public Upload startUpload(Person p, UploadInfo info) {
        UploadPipe pipe = new UploadPipe();
        ExportReader.Request req = new ExportReader.Request(info.fileName(), info.zone(), info.date(), p.consent(), service.today());
        Started s = start(p, progress -> {
            try (InputStream in = new Progress(pipe, info.length(), progress)) {
                return ExportReader.read(in, req);
            }
        });
        return new Upload(s.id(), pipe, s.finished());
    }

    /** An import that pulls its data itself (the Google Health connector). */
    public String startPull(Person p, java.util.function.Function<Accumulator, Reading> pull, ZoneId zone) {
        Accumulator acc = new Accumulator(p.consent(), service.today());
        Reading reading = pull.apply(acc);
        return start(p, progress -> {
            ExportReader.Result partial = reading.read(progress);
            return partial != null ? partial : new ExportReader.Result(acc.finish(zone), acc.warnings().list(), List.of());
        }).id();
    }

    private record Started(String id, CompletableFuture<ImportStatus> finished) {
    }

    private Started start(Person p, Reading reading) {
        if (!p.consent().anyKind()) {
            throw new IndicatorRefused(403, "consent_required", "nothing is imported without consent for at least one kind of data");
        }
        if (!slots.tryAcquire()) throw new IndicatorRefused(503, "busy", "too many imports at once on this node; try again in a minute");
        String id = tokens.newId();
        ImportStatus running = new ImportStatus(id, p.id(), ImportStatus.RUNNING, 0, 0, List.of(), null, null, clock.getAsLong());
        CompletableFuture<ImportStatus> out = new CompletableFuture<>();
        try {
            service.store().saveImport(running);
            workers.execute(() -> out.complete(run(p, running, reading)));
        } catch (IOException | RuntimeException e) {
            slots.release();
            throw new IndicatorRefused(503, "unavailable", "the node cannot store right now; try again later");
        }
        return new Started(id, out);
    }

    private ImportStatus run(Person p, ImportStatus running, Reading reading) {
        long t0 = System.nanoTime();
        IndicatorStore store = service.store();
        ImportStatus[] last = {running};
        long[] saved = {0};
        try {
            ExportReader.Result r = reading.read(progress -> {
                long now = clock.getAsLong();
                if (now - saved[0] < PROGRESS_EVERY_MS) return;
                saved[0] = now;
                last[0] = last[0].progress(Math.min(0.99, progress), now);
                save(store, last[0]);
            });
            store.mergeDays(p.id(), r.days());
            ImportStatus done = last[0].done(r.days().size(), r.warnings(), clock.getAsLong());
            save(store, done);
            LOG.info("import " + running.id() + " done: " + r.days().size() + " days from " + r.filesRead().size() + " files in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
            service.changed(p.workshop());
            return done;
        } catch (ImportFailure f) {
            LOG.info("import " + running.id() + " failed: " + f.code() + (f.file() == null ? "" : " in " + f.file()));
            return fail(store, last[0], f.code(), f.getMessage());
        } catch (IndicatorStore.NoSuchPerson gone) {
            LOG.info("import " + running.id() + " dropped: the person was erased meanwhile");
            return fail(store, last[0], "erased", "the person was erased; nothing was stored");
        } catch (IOException e) {
            LOG.info("import " + running.id() + " failed: " + e.getClass().getSimpleName());
            return fail(store, last[0], "interrupted", "the upload or the storage broke off; nothing was stored, try again");
        } catch (RuntimeException e) {
            // Not the exception's message: it might quote what it was parsing.
            LOG.log(Level.SEVERE, "import " + running.id() + " failed unexpectedly: " + e.getClass().getName() + " at "
                    + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"));
            return fail(store, last[0], "internal", "the import failed; nothing was stored");
        } finally {
            slots.release();
        }
    }

    private ImportStatus fail(IndicatorStore store, ImportStatus last, String code, String message) {
        ImportStatus failed = last.failed(code, message, clock.getAsLong());
        save(store, failed);
        return failed;
    }

    private static void save(IndicatorStore store, ImportStatus s) {
        try {
            store.saveImport(s);
        } catch (IOException e) {
            LOG.warning("could not store the status of import " + s.id() + ": " + e.getClass().getSimpleName());
        }
    }

    /** The status of one of {@code p}'s imports; another person's import is not found. */
    public CompletableFuture<ImportStatus> status(Person p, String importId) {
        return service.run(() -> service.store().importStatus(importId).filter(s -> s.person().equals(p.id()))
                .orElseThrow(() -> IndicatorRefused.notFound("no such import")));
    }

    /** Counts the bytes read and reports them as a share of the upload's length. */
    private static final class Progress extends FilterInputStream {
        private final long length;
        private final DoubleConsumer sink;
        private long count;
        private long reported;

        Progress(InputStream in, long length, DoubleConsumer sink) {
            super(in);
            this.length = length;
            this.sink = sink;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) add(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) add(n);
            return n;
        }

        private void add(int n) {
            count += n;
            if (count - reported < 256 * 1024) return;
            reported = count;
            // Without a length, a curve that approaches 1 and never reaches it.
            sink.accept(length > 0 ? (double) count / length : count / (count + 64.0 * 1024 * 1024));
        }
    }
}
