package be.samenbord.bench.jmh;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import be.samenbord.board.codec.OpCodec;
import be.samenbord.board.template.Template;
import be.samenbord.board.template.TemplateCatalog;
import be.samenbord.store.Records;
import be.samenbord.sync.Frames;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The codecs on the path of one 5-op batch (5 fields of one note), one thread. Score = field ops
 * per second; frames or records per second is the score / {@value #OPS}.
 * <ul>
 *   <li>{@code parseOpsFrame}: a client {@code ops} frame, Jackson {@code readTree} then
 *       {@link OpCodec#read} per op;</li>
 *   <li>{@code validateOpsFrame}: {@code readTree} then {@code BatchValidator.validate} (shape,
 *       replica, clock, id and per-field checks against template three-b), what
 *       {@code Connection} does with a frame;</li>
 *   <li>{@code encodeOpsFrame}: the outgoing {@link Frames#ops} frame;</li>
 *   <li>{@code encodeRecord} / {@code decodeRecord}: the store's batch record,
 *       {@link Records#batch} / {@link Records#readBatch}.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CodecBench {

    static final int OPS = 5;

    /** BatchValidator is package-private in be.samenbord.sync; reached by reflection, called through a constant handle. */
    private static final Class<?> VALIDATOR;
    private static final MethodHandle VALIDATE;

    static {
        try {
            VALIDATOR = Class.forName("be.samenbord.sync.BatchValidator");
            Method m = VALIDATOR.getDeclaredMethod("validate", JsonNode.class, Template.class, String.class);
            m.setAccessible(true);
            VALIDATE = MethodHandles.lookup().unreflect(m)
                    .asType(MethodType.methodType(List.class, Object.class, JsonNode.class, Template.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private String replica;
    private Template template;
    private Object validator;
    private String opsFrame;
    private List<Op> ops;
    private AcceptedBatch accepted;
    private String record;

    @Setup(Level.Trial)
    public void inputs() throws Exception {
        Random random = new Random(11);
        replica = BenchData.replica(random);
        String item = BenchData.itemId(random);
        long now = System.currentTimeMillis();
        ops = new ArrayList<>();
        // The fields a client sends when a note is moved into a zone and retyped.
        for (String field : new String[] {"x", "y", "zone", "color", "text"}) {
            ops.add(new Op(item, field, BenchData.value(field, random), new Stamp(now, ops.size(), replica)));
        }
        opsFrame = clientFrame("b-" + now, ops);
        accepted = new AcceptedBatch(123_456, replica, "b-" + now, ops);
        record = Records.batch("board-bench", accepted);

        template = TemplateCatalog.load(new ObjectMapper()).find("three-b").orElseThrow();
        Constructor<?> k = VALIDATOR.getDeclaredConstructor(int.class, LongSupplier.class);
        k.setAccessible(true);
        validator = k.newInstance(500, (LongSupplier) System::currentTimeMillis);

        // The inputs must take the path they are meant to measure, not an error path.
        check(readOps(json.readTree(opsFrame)));
        check(validate(json.readTree(opsFrame)));
        check(Records.readBatch(record).ops());
        check(readOps(json.readTree(Frames.ops(123_456, ops))));
    }

    private void check(List<Op> got) {
        if (!got.equals(ops)) throw new IllegalStateException("benchmark input does not round-trip: " + got);
    }

    private static String clientFrame(String batch, List<Op> ops) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("t", "ops");
            g.writeStringField("batch", batch);
            g.writeFieldName("ops");
            Frames.writeOps(g, ops);
            g.writeEndObject();
        }
        return out.toString();
    }

    private static List<Op> readOps(JsonNode frame) {
        List<Op> out = new ArrayList<>(OPS);
        for (JsonNode n : frame.get("ops")) out.add(OpCodec.read(n));
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Op> validate(JsonNode frame) {
        try {
            return (List<Op>) VALIDATE.invokeExact(validator, frame.get("ops"), template, replica);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void parseOpsFrame(Blackhole bh) throws IOException {
        JsonNode frame = json.readTree(opsFrame);
        for (JsonNode n : frame.get("ops")) bh.consume(OpCodec.read(n));
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public List<Op> validateOpsFrame() throws IOException {
        return validate(json.readTree(opsFrame));
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public String encodeOpsFrame() {
        return Frames.ops(123_456, ops);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public String encodeRecord() {
        return Records.batch("board-bench", accepted);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public AcceptedBatch decodeRecord() {
        return Records.readBatch(record);
    }
}
