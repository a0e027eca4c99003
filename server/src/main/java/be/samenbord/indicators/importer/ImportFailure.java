package be.samenbord.indicators.importer;

/**
 * Why an import stopped (IND-7): a stable {@code code}, the file it concerns (the upload itself or
 * an entry of a zip; null when none) and a sentence for the person. Messages name files, lines and
 * fields, never a value read from the export, so they are safe to log.
 */
public final class ImportFailure extends RuntimeException {

    private final String code;
    private final String file;

    public ImportFailure(String code, String file, String message) {
        super(file == null ? message : file + ": " + message, null, false, false);
        this.code = code;
        this.file = file;
    }

    public String code() {
        return code;
    }

    public String file() {
        return file;
    }

    static ImportFailure malformed(String file, String what) {
        return new ImportFailure("malformed", file, what);
    }

    static ImportFailure mismatch(String file, String claimed, String found) {
        return new ImportFailure("file_mismatch", file, "named like " + claimed + " data but holds " + found);
    }
}
