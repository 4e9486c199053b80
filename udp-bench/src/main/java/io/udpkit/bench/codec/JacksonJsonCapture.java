package io.udpkit.bench.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import io.udpkit.codec.struct.BigDecimalFloatRepr;
import io.udpkit.codec.struct.StructReader;
import io.udpkit.core.SocketAddresses;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The JSON capture of a struct record as the kafka sink did it up to issue 15's first round, kept
 * as {@link JsonCaptureBenchmark}'s "before": a Jackson generator with Python's escapes writing to
 * a {@link StringWriter}, each value boxed by {@link StructReader#get(int)}, floats by the
 * {@link java.math.BigDecimal} search ({@link BigDecimalFloatRepr}), then the text's UTF-8 copy.
 * Struct records only (ints, bools, floats, bytes), which is what the benchmark feeds it.
 */
final class JacksonJsonCapture {

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .characterEscapes(new PythonEscapes())
            .build();

    private JacksonJsonCapture() {
    }

    /** {@code {"from":"...","values":[...]}} as UTF-8, the old way. */
    static byte[] record(InetSocketAddress from, StructReader record) {
        StringWriter text = new StringWriter();
        try (JsonGenerator gen = FACTORY.createGenerator(text)) {
            gen.writeStartObject();
            gen.writeStringField("from", SocketAddresses.format(from));
            gen.writeFieldName("values");
            gen.writeStartArray();
            for (int i = 0; i < record.size(); i++) {
                Object value = record.get(i);
                if (value instanceof Boolean) {
                    gen.writeBoolean((Boolean) value);
                } else if (value instanceof Double) {
                    gen.writeNumber(BigDecimalFloatRepr.repr((Double) value));
                } else if (value instanceof Long) {
                    gen.writeNumber((Long) value);
                } else if (value instanceof BigInteger) {
                    gen.writeNumber((BigInteger) value);
                } else {
                    byte[] bytes = (byte[]) value;
                    char[] chars = new char[bytes.length];
                    for (int j = 0; j < chars.length; j++) {
                        chars[j] = (char) (bytes[j] & 0xff);
                    }
                    gen.writeString(new String(chars));
                }
            }
            gen.writeEndArray();
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Escapes through Jackson's hook as the old sink did: controls, DEL and non-ASCII as lower-case
     * unicode escapes (the old short forms, such as a backslash-n, are left out: the benchmark's
     * record has nothing to escape).
     */
    private static final class PythonEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;

        private final int[] ascii;

        PythonEscapes() {
            ascii = CharacterEscapes.standardAsciiEscapesForJSON();
            for (int c = 0; c < 0x20; c++) {
                ascii[c] = CharacterEscapes.ESCAPE_CUSTOM;
            }
            ascii[0x7f] = CharacterEscapes.ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii.clone();
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return new SerializedString(String.format("\\u%04x", ch));
        }
    }
}
