package be.samenbord.templates;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Shared test machinery: a draft 2020-12 JSON Schema from the classpath, JSON reading and mutation checks. */
final class JsonSchemaCheck {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Schema schema;

    private JsonSchemaCheck(Schema schema) {
        this.schema = schema;
    }

    /** Loads a schema shipped as a classpath resource, e.g. "samenbord/schema/template.schema.json". */
    static JsonSchemaCheck load(String resource) throws IOException {
        try (InputStream in = resource(resource)) {
            return new JsonSchemaCheck(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in));
        }
    }

    /** Schema violations of the document, each prefixed with "schema: ". */
    List<String> schemaProblems(JsonNode document) {
        List<String> out = new ArrayList<>();
        try {
            schema.validate(MAPPER.writeValueAsString(document), InputFormat.JSON).forEach(e -> out.add("schema: " + e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Parses a JSON classpath resource. */
    static JsonNode read(String resource) {
        try (InputStream in = resource(resource)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Mutates a deep copy of {@code original} and asserts that {@code problems} rejects it with, for each expected
     * fragment, some problem mentioning it ("schema:" = caught by the JSON Schema).
     */
    static void assertRejected(String name, JsonNode original, Consumer<ObjectNode> mutation,
            Function<JsonNode, List<String>> problems, String... expected) {
        ObjectNode copy = (ObjectNode) original.deepCopy();
        mutation.accept(copy);
        List<String> found = problems.apply(copy);
        assertFalse(found.isEmpty(), "mutated " + name + " was accepted");
        for (String e : expected)
            assertTrue(found.stream().anyMatch(p -> p.contains(e)),
                    "expected a problem mentioning '" + e + "' but got " + found);
    }

    private static InputStream resource(String path) {
        InputStream in = JsonSchemaCheck.class.getClassLoader().getResourceAsStream(path);
        assertNotNull(in, "missing classpath resource " + path);
        return in;
    }
}
