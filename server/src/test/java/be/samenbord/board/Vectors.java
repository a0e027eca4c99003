package be.samenbord.board;

import be.samenbord.board.codec.OpCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the shared vectors in {@code server/vectors/} (also read by the web client's tests). */
final class Vectors {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DIR = Path.of("vectors");

    private Vectors() {
    }

    record MergeCase(String name, String description, Items start, List<List<Op>> batches, JsonNode expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<MergeCase> mergeCases() {
        try (Stream<Path> files = Files.list(DIR.resolve("merge"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().map(Vectors::readCase).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MergeCase readCase(Path file) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            List<List<Op>> batches = new ArrayList<>();
            n.get("batches").forEach(b -> {
                List<Op> ops = new ArrayList<>();
                b.forEach(o -> ops.add(OpCodec.read(o)));
                batches.add(ops);
            });
            String name = file.getFileName().toString().replace(".json", "");
            return new MergeCase(name, n.get("description").asText(), itemsOf(n.get("start")), batches, n.get("expected"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Items from the snapshot shape {@code {"item":{"field":{"v":..,"s":..}}}}. */
    static Items itemsOf(JsonNode snapshot) {
        Items items = new Items();
        snapshot.properties().forEach(item -> item.getValue().properties().forEach(field ->
                items.apply(new Op(item.getKey(), field.getKey(), field.getValue().get("v").toString(),
                        OpCodec.readStamp(field.getValue().get("s"))))));
        return items;
    }

    /** Items in the snapshot shape, as a tree, to compare with expected states. */
    static JsonNode toJson(Items items) {
        var root = JSON.createObjectNode();
        items.forEachOp(op -> {
            try {
                var reg = root.withObject("/" + op.item()).putObject(op.field());
                reg.set("v", JSON.readTree(op.json()));
                reg.set("s", JSON.readTree("[" + op.stamp().ms() + "," + op.stamp().counter() + ",\"" + op.stamp().replica() + "\"]"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return root;
    }
}
