package io.udpkit.examples;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A custom codec: one datagram is one {@link Reading} as UTF-8 text, {@code sensor=value}
 * ({@code t1=21.5}). Immutable and thread-safe, as every codec must be.
 */
public final class ReadingCodec implements Codec<Reading> {

    /** The one instance; the codec has no state. */
    public static final ReadingCodec INSTANCE = new ReadingCodec();

    private ReadingCodec() {
    }

    @Override
    public Reading decode(ByteBuffer payload) {
        String text;
        try {
            // duplicate(): the caller's position and limit stay as they were.
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(payload.duplicate()).toString();
        } catch (CharacterCodingException e) {
            throw new CodecException("reading is not UTF-8", e);
        }
        int eq = text.indexOf('=');
        if (eq <= 0 || eq != text.lastIndexOf('=')) {
            throw new CodecException("reading needs sensor=value, got " + text.length() + " chars");
        }
        try {
            return new Reading(text.substring(0, eq), Double.parseDouble(text.substring(eq + 1)));
        } catch (NumberFormatException e) {
            throw new CodecException("reading value is not a number", e);
        }
    }

    @Override
    public void encode(Reading value, ByteBuffer out) {
        if (value.sensor().isEmpty() || value.sensor().indexOf('=') >= 0) {
            throw new CodecException("sensor name must be non-empty and without '='");
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(
                CharBuffer.wrap(value.sensor() + "=" + value.value()));
        if (bytes.remaining() > out.remaining()) {
            throw new CodecException("reading needs " + bytes.remaining() + " bytes, buffer has "
                    + out.remaining());
        }
        out.put(bytes);
    }
}
