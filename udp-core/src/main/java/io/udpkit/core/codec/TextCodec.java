package io.udpkit.core.codec;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramLimits;
import io.udpkit.core.Decoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A datagram as UTF-8 text. Strict both ways: malformed bytes (invalid sequences, overlong forms,
 * encoded surrogates) are a {@link CodecException}, never replacement characters, and a string with
 * an unpaired surrogate cannot be encoded. Stateless and thread-safe.
 */
public final class TextCodec implements Codec<String> {

    /** The one instance; the codec has no state. */
    public static final TextCodec INSTANCE = new TextCodec();

    private TextCodec() {
    }

    /**
     * Decodes the payload as UTF-8.
     *
     * @param payload the datagram payload; its position and limit are unchanged
     * @return the text
     * @throws CodecException if the bytes are not well-formed UTF-8; the message gives the offset
     */
    @Override
    public String decode(ByteBuffer payload) {
        return new TextDecoder().decode(payload);
    }

    /**
     * Writes {@code value} as UTF-8 at {@code out}'s position and advances it.
     *
     * @param value the text
     * @param out   where the bytes go
     * @throws CodecException if the text has an unpaired surrogate, or its UTF-8 form exceeds the
     *                        UDP maximum or the room left in {@code out}; {@code out} is then
     *                        unchanged
     */
    @Override
    public void encode(String value, ByteBuffer out) {
        int size = utf8Length(value);
        if (size > DatagramLimits.MAX_UDP_PAYLOAD) {
            throw new CodecException("text: " + size + " bytes of UTF-8 exceed the UDP maximum of "
                    + DatagramLimits.MAX_UDP_PAYLOAD);
        }
        if (size > out.remaining()) {
            throw new CodecException("text: " + size + " bytes of UTF-8 do not fit in the "
                    + out.remaining() + " bytes remaining in the buffer");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | c >> 6));
                out.put((byte) (0x80 | c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                out.put((byte) (0xF0 | cp >> 18));
                out.put((byte) (0x80 | cp >> 12 & 0x3F));
                out.put((byte) (0x80 | cp >> 6 & 0x3F));
                out.put((byte) (0x80 | cp & 0x3F));
            } else {
                out.put((byte) (0xE0 | c >> 12));
                out.put((byte) (0x80 | c >> 6 & 0x3F));
                out.put((byte) (0x80 | c & 0x3F));
            }
        }
    }

    /**
     * A decoder that reuses its UTF-8 decoder and character buffer; each call still returns a new
     * {@link String}.
     *
     * @return a decoder for one thread
     */
    @Override
    public Decoder<String> newDecoder() {
        return new TextDecoder();
    }

    /** A short ASCII text: any bytes are a raw message, and these are also valid UTF-8. */
    @Override
    public Optional<ByteBuffer> samplePayload() {
        return Optional.of(ByteBuffer.wrap(new byte[] {'w', 'a', 'r', 'm', '-', 'u', 'p'}));
    }

    @Override
    public String toString() {
        return "text";
    }

    /** The UTF-8 size of {@code value}, checking that every surrogate is paired. */
    static int utf8Length(String value) {
        int size = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                size += 1;
            } else if (c < 0x800) {
                size += 2;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    size += 4;
                    i++;
                } else {
                    throw new CodecException("text: unpaired surrogate U+"
                            + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                            + " at index " + i + " cannot be encoded as UTF-8");
                }
            } else {
                size += 3;
            }
        }
        return size;
    }

    /** Decodes strictly, reusing its state between calls; for one thread. */
    private static final class TextDecoder implements Decoder<String> {

        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private CharBuffer chars = CharBuffer.allocate(64);

        @Override
        public String decode(ByteBuffer payload) {
            ByteBuffer in = payload.duplicate();
            int start = in.position();
            // UTF-8 never yields more UTF-16 chars than it has bytes.
            if (chars.capacity() < in.remaining()) {
                chars = CharBuffer.allocate(in.remaining());
            }
            chars.clear();
            utf8.reset();
            CoderResult result = utf8.decode(in, chars, true);
            if (!result.isError()) {
                result = utf8.flush(chars);
            }
            if (result.isError()) {
                throw new CodecException("text: malformed UTF-8 at byte " + (in.position() - start)
                        + " of " + payload.remaining());
            }
            chars.flip();
            return chars.toString();
        }
    }
}
