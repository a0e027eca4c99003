package be.samenbord.indicators.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;

/**
 * One JSON document of any supported shape (IND-5), recognised by its content, streamed with
 * Jackson: a list of Takeout records (its claim from the file name when there is one), an Open
 * mHealth list, a legacy Fitbit Web API answer, a Google Health API page, or one Open mHealth point.
 * A document that is none of these fails with {@code not_an_export} naming the file.
 */
final class JsonImport {

    private JsonImport() {
    }

    /** Reads the document; returns a Google Health page's {@code nextPageToken} (null if none). */
    static String read(InputStream in, Claim claim, Source s) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY) {
                list(p, claim, s);
                return null;
            }
            if (first == JsonToken.START_OBJECT) {
                if (claim != null) throw ImportFailure.mismatch(s.file(), claim.label(), "one JSON object, not a list of records");
                return FitbitApiJson.object(p, s);
            }
            throw new ImportFailure("not_an_export", s.file(), "is not a JSON list or object");
        } catch (StreamReadException e) {
            // Jackson's own message may quote the text it choked on: only the place is repeated.
            throw ImportFailure.malformed(s.file(), "is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    private static void list(JsonParser p, Claim claim, Source s) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            if (p.currentToken() == JsonToken.END_ARRAY) return; // an empty day file
            throw ImportFailure.malformed(s.file(), "a list whose records are not objects");
        }
        JsonNode firstRecord = Json.tree(p);
        TakeoutJson.Shape shape = TakeoutJson.shape(firstRecord);
        if (claim != null && !TakeoutJson.fits(claim, shape)) {
            throw ImportFailure.mismatch(s.file(), claim.label(), TakeoutJson.describe(shape));
        }
        if (shape == TakeoutJson.Shape.OPEN_MHEALTH) {
            OpenMHealthJson.point(firstRecord, s);
            while (p.nextToken() == JsonToken.START_OBJECT) OpenMHealthJson.point(Json.tree(p), s);
            return;
        }
        if (shape == TakeoutJson.Shape.UNKNOWN) throw new ImportFailure("not_an_export", s.file(), "holds records of an unknown shape");
        if (shape == TakeoutJson.Shape.SCALAR && claim == null) {
            throw new ImportFailure("not_an_export", s.file(),
                    "is a list of plain values that only its file name explains; upload the whole export zip");
        }
        Claim effective = claim != null ? claim : shape == TakeoutJson.Shape.HEART_SAMPLE ? Claim.HEART_RATE : null;
        if (effective != null && effective.kind() != null && !s.acc().wants(effective.kind())) {
            while (p.nextToken() == JsonToken.START_OBJECT) p.skipChildren();
            return;
        }
        TakeoutJson.record(firstRecord, shape, effective, s.file(), s.acc());
        if (effective != null && effective.perSample()) {
            TakeoutJson.streamSamples(p, effective, s.file(), s.acc());
            return;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
            JsonNode r = Json.tree(p);
            TakeoutJson.Shape sh = TakeoutJson.shape(r);
            if (sh != shape) throw ImportFailure.mismatch(s.file(), TakeoutJson.describe(shape), TakeoutJson.describe(sh) + " as well");
            TakeoutJson.record(r, shape, effective, s.file(), s.acc());
        }
    }

}
