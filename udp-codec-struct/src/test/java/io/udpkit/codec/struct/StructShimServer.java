package io.udpkit.codec.struct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Executes the Struct calls that udpkit_struct.py (a stand-in for Python's {@code struct} module)
 * sends, one JSON line per call, and answers each with one JSON line: the result, or the
 * StructException's Python class ({@link StructException.Kind#pythonName()}) and message. Values
 * travel tagged: {@code {"i": decimal}} integers, {@code {"t": bool}}, {@code {"d": hex bits}}
 * doubles (exact, NaN payloads included), {@code {"b": hex}} bytes, {@code {"o": type}} any other
 * Python object (which reaches Struct as an object it must refuse).
 */
final class StructShimServer {

    /** A Python object with no Java counterpart: Struct must refuse it as CPython would. */
    record PythonObject(String type) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<Integer, Struct.UnpackIterator> iterators = new HashMap<>();
    private long calls;

    /**
     * Answers calls until the {@code done} request, and returns its results (test id to
     * outcome), or null if the pipe closed first.
     */
    JsonNode serve(BufferedReader requests, Writer answers) throws IOException {
        String line;
        while ((line = requests.readLine()) != null) {
            JsonNode request = JSON.readTree(line);
            if (request.path("op").asText().equals("done")) {
                return request.get("results");
            }
            calls++;
            answers.write(JSON.writeValueAsString(answer(request)));
            answers.write('\n');
            answers.flush();
        }
        return null;
    }

    long calls() {
        return calls;
    }

    private ObjectNode answer(JsonNode request) {
        ObjectNode answer = NODES.objectNode();
        try {
            answer.set("ok", execute(request));
        } catch (StructException e) {
            answer.put("error", e.kind().pythonName()).put("message", e.getMessage());
        } catch (ReadOnlyBufferException e) {
            answer.put("error", "TypeError")
                    .put("message", "argument must be read-write bytes-like object, not bytes");
        } catch (RuntimeException e) {
            answer.put("error", e.getClass().getName()).put("message", String.valueOf(e.getMessage()));
        }
        return answer;
    }

    private JsonNode execute(JsonNode request) {
        String op = request.path("op").asText();
        String format = request.path("fmt").asText();
        boolean module = request.path("module").asBoolean(false);
        switch (op) {
            case "compile": {
                Struct struct = Struct.compile(format);
                StringBuilder codes = new StringBuilder();
                for (int i = 0; i < struct.valueCount(); i++) {
                    codes.append(struct.field(i).code());
                }
                return NODES.objectNode().put("size", struct.size())
                        .put("codes", codes.toString()).put("format", struct.format());
            }
            case "calcsize":
                return NODES.numberNode(Struct.calcsize(format));
            case "pack": {
                Object[] values = arguments(request.get("args"));
                byte[] packed = module ? Struct.pack(format, values)
                        : Struct.compile(format).pack(values);
                return NODES.textNode(HEX.formatHex(packed));
            }
            case "pack_into": {
                ByteBuffer buf = ByteBuffer.wrap(HEX.parseHex(request.get("buf").asText()));
                ByteBuffer target = request.get("readonly").asBoolean() ? buf.asReadOnlyBuffer() : buf;
                Struct.compile(format).packInto(target, Long.parseLong(request.get("offset").asText()),
                        arguments(request.get("args")));
                return NODES.textNode(HEX.formatHex(buf.array()));
            }
            case "unpack": {
                byte[] data = HEX.parseHex(request.get("data").asText());
                return values(module ? Struct.unpack(format, data) : Struct.compile(format).unpack(data));
            }
            case "unpack_from": {
                ByteBuffer data = ByteBuffer.wrap(HEX.parseHex(request.get("data").asText()));
                return values(Struct.compile(format).unpackFrom(data,
                        Long.parseLong(request.get("offset").asText())));
            }
            case "iter_unpack": {
                ByteBuffer data = ByteBuffer.wrap(HEX.parseHex(request.get("data").asText()));
                int id = iterators.size();
                iterators.put(id, Struct.compile(format).iterUnpack(data));
                return NODES.numberNode(id);
            }
            case "iter_next": {
                Struct.UnpackIterator it = iterators.get(request.get("id").asInt());
                return it.hasNext() ? values(it.next()) : NODES.nullNode();
            }
            case "iter_remaining":
                return NODES.numberNode(iterators.get(request.get("id").asInt()).remaining());
            default:
                throw new IllegalArgumentException("unknown op " + op);
        }
    }

    private static Object[] arguments(JsonNode args) {
        List<Object> values = new ArrayList<>();
        for (JsonNode arg : args) {
            if (arg.has("i")) {
                BigInteger value = new BigInteger(arg.get("i").asText());
                values.add(value.bitLength() < 64 ? (Object) value.longValue() : value);
            } else if (arg.has("t")) {
                values.add(arg.get("t").asBoolean());
            } else if (arg.has("d")) {
                values.add(Double.longBitsToDouble(Long.parseUnsignedLong(arg.get("d").asText(), 16)));
            } else if (arg.has("b")) {
                values.add(HEX.parseHex(arg.get("b").asText()));
            } else {
                values.add(new PythonObject(arg.get("o").asText()));
            }
        }
        return values.toArray();
    }

    private static ArrayNode values(List<Object> values) {
        ArrayNode out = NODES.arrayNode();
        for (Object value : values) {
            ObjectNode tagged = out.addObject();
            if (value instanceof Long || value instanceof BigInteger) {
                tagged.put("i", value.toString());
            } else if (value instanceof Boolean) {
                tagged.put("t", (Boolean) value);
            } else if (value instanceof Double) {
                tagged.put("d", String.format("%016x", Double.doubleToRawLongBits((Double) value)));
            } else if (value instanceof byte[]) {
                tagged.put("b", HEX.formatHex((byte[]) value));
            } else {
                throw new IllegalStateException("unexpected value type " + value.getClass());
            }
        }
        return out;
    }
}
