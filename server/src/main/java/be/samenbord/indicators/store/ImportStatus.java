package be.samenbord.indicators.store;

import be.samenbord.indicators.importer.Warnings;

import java.util.List;

/** Where an import is (IND-4): never a value, only counts, warnings and an error code. */
public record ImportStatus(String id, String person, String state, double progress, int days, List<Warnings.Warning> warnings,
                           String errorCode, String errorMessage, long updatedAt) {

    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public ImportStatus {
        warnings = List.copyOf(warnings);
    }

    public ImportStatus progress(double p, long now) {
        return new ImportStatus(id, person, state, p, days, warnings, errorCode, errorMessage, now);
    }

    public ImportStatus done(int days, List<Warnings.Warning> w, long now) {
        return new ImportStatus(id, person, DONE, 1.0, days, w, null, null, now);
    }

    public ImportStatus failed(String code, String message, long now) {
        return new ImportStatus(id, person, FAILED, progress, 0, warnings, code, message, now);
    }
}
