package io.udpkit.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramLimits;
import io.udpkit.core.Decoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Codec} promises, as tests a codec module inherits: extend this class in
 * the module's tests, supply the codec, sample values and (optionally) invalid payloads, and every
 * {@code @Test} here runs against that codec.
 *
 * <p>What it pins, each as one test method:
 * <ul>
 *   <li>encode then decode gives an equal value ({@link #sameValue}), through heap (also with a
 *       non-zero array offset), direct and read-only buffers at a non-zero position, and the decoded value does not change when the
 *       buffer is overwritten afterwards;</li>
 *   <li>decode leaves position, limit, byte order and contents unchanged, whether it succeeds or
 *       fails;</li>
 *   <li>empty input, every proper prefix of a valid encoding ({@link #prefixesAreInvalid}) and the
 *       codec's own {@link #invalidPayloads()} throw {@link CodecException};</li>
 *   <li>encode advances the position by exactly the bytes it writes, writes nothing outside them,
 *       and into a buffer one byte too small throws {@link CodecException} with the position
 *       unchanged;</li>
 *   <li>a shared codec decodes and encodes correctly from several threads at once;</li>
 *   <li>a {@link Codec#newDecoder() decoder} gives values equal to {@link Codec#decode}'s, and fails
 *       where it fails;</li>
 *   <li>random and mutated payloads (bounded, fixed seed) either decode or throw
 *       {@link CodecException}: nothing else.</li>
 * </ul>
 * Buffers given to the codec use {@link ByteOrder#LITTLE_ENDIAN}, so a codec that relies on a
 * buffer's mutable default order is caught.
 *
 * <p>Use from a codec module: depend on {@code io.udpkit:udp-testkit} with
 * {@code <scope>test</scope>} (the BOM manages its version), then
 * <pre>{@code
 * class ReadingCodecContractTest extends CodecContract<Reading> {
 *     protected Codec<Reading> codec() { return ReadingCodec.INSTANCE; }
 *     protected List<Reading> samples() { return List.of(new Reading("t1", 21.5)); }
 * }
 * }</pre>
 *
 * <p>Every loop is bounded in count and in time. The test methods take no arguments and need no
 * lifecycle methods, so they can also be invoked directly (the self-test does, on broken codecs).
 *
 * @param <T> the codec's value type
 */
public abstract class CodecContract<T> {

    /** Where payloads start in the buffers handed to the codec: never at zero. */
    private static final int OFFSET = 7;

    /** Bytes after a payload's limit, so reading or writing past the limit is visible. */
    private static final int TAIL = 9;

    /** Where a {@link BufferKind#HEAP_SLICE} buffer starts in its array. */
    private static final int SLICE_OFFSET = 5;

    /** The filler around payloads; any byte the codec reads from or writes there shows. */
    private static final byte FILLER = (byte) 0xA5;

    private static final int THREADS = 4;
    private static final int ROUNDS_PER_THREAD = 200;
    private static final long THREAD_TEST_TIMEOUT_SECONDS = 60;
    private static final long FUZZ_TIME_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final int MAX_PREFIXES_PER_SAMPLE = 300;

    /** Longest random payload; long inputs come from mutating the samples' encodings. */
    private static final int MAX_NOISE_LENGTH = 256;

    /** Creates the contract; subclasses are JUnit test classes. */
    protected CodecContract() {
    }

    /**
     * The codec under test. Called often; may return the same instance every time.
     *
     * @return the codec
     */
    protected abstract Codec<T> codec();

    /**
     * Values that encode and decode back to equal values. At least one; cover the codec's value
     * shapes (empty, nested, extremes). Each should encode to a few kilobytes at most.
     *
     * @return the samples
     */
    protected abstract List<T> samples();

    /**
     * Payloads the codec must reject with {@link CodecException}, beyond empty and truncated input.
     *
     * @return invalid payloads; none by default
     */
    protected List<byte[]> invalidPayloads() {
        return List.of();
    }

    /**
     * Whether an empty payload decodes to a value instead of failing.
     *
     * @return {@code false} by default: an empty payload must throw {@link CodecException}
     */
    protected boolean emptyPayloadIsValid() {
        return false;
    }

    /**
     * Whether every non-empty proper prefix of {@code sample}'s encoding must be rejected. When
     * {@code false}, a prefix may decode, but must still throw nothing but {@link CodecException}.
     *
     * @param sample one of {@link #samples()}
     * @return {@code true} by default
     */
    protected boolean prefixesAreInvalid(T sample) {
        return true;
    }

    /**
     * Whether a decoded value equals the expected one.
     *
     * @param expected the value that was encoded
     * @param actual   the value decoded
     * @return {@link Objects#deepEquals} by default; override for values whose {@code equals} is
     *         identity (such as lists holding {@code byte[]})
     */
    protected boolean sameValue(T expected, T actual) {
        return Objects.deepEquals(expected, actual);
    }

    /**
     * How many random payloads the fuzz test tries (and as many mutated encodings).
     *
     * @return 2,000 by default
     */
    protected int fuzzIterations() {
        return 2_000;
    }

    /**
     * The seed of the fuzz test, fixed so a failure reproduces.
     *
     * @return the seed
     */
    protected long fuzzSeed() {
        return 0x75_64_70_6B_69_74L;
    }

    // ---------------------------------------------------------------- round trip

    /** Encode then decode gives an equal, non-null value through every kind of buffer. */
    @Test
    public void roundTripGivesEqualValue() {
        Codec<T> codec = codec();
        for (T sample : nonEmptySamples()) {
            byte[] encoded = encode(sample);
            for (BufferKind kind : BufferKind.values()) {
                T decoded = codec.decode(kind.holding(encoded));
                assertNotNull(decoded, () -> "decode returned null for " + sample);
                assertTrue(sameValue(sample, decoded),
                        () -> kind + ": decoded " + decoded + ", expected " + sample);
            }
        }
    }

    /** The value {@link Codec#decode} returns stays the same when its buffer is overwritten. */
    @Test
    public void decodedValueDoesNotDependOnTheBuffer() {
        Codec<T> codec = codec();
        for (T sample : nonEmptySamples()) {
            byte[] encoded = encode(sample);
            for (BufferKind kind : List.of(BufferKind.HEAP, BufferKind.HEAP_SLICE, BufferKind.DIRECT)) {
                ByteBuffer buffer = kind.holding(encoded);
                T decoded = codec.decode(buffer);
                ByteBuffer whole = whole(buffer);
                for (int i = 0; i < whole.capacity(); i++) {
                    whole.put(i, (byte) ~whole.get(i));
                }
                assertTrue(sameValue(sample, decoded),
                        () -> kind + ": value changed to " + decoded + " after its buffer was overwritten");
            }
        }
    }

    // ---------------------------------------------------------------- decode leaves the buffer alone

    /** Decode leaves position, limit, order and contents as they were, on success and on failure. */
    @Test
    public void decodeLeavesBufferUnchanged() {
        Codec<T> codec = codec();
        List<byte[]> payloads = new ArrayList<>();
        for (T sample : nonEmptySamples()) {
            byte[] encoded = encode(sample);
            payloads.add(encoded);
            payloads.add(Arrays.copyOf(encoded, encoded.length / 2));
        }
        payloads.add(new byte[0]);
        payloads.addAll(invalidPayloads());
        for (byte[] payload : payloads) {
            for (BufferKind kind : BufferKind.values()) {
                ByteBuffer buffer = kind.holding(payload);
                ByteBuffer before = snapshot(buffer);
                decodeOrCodecException(() -> codec.decode(buffer), payload);
                assertBufferUnchanged(before, buffer, kind + " decode of " + hex(payload));

                ByteBuffer again = kind.holding(payload);
                Decoder<T> decoder = codec.newDecoder();
                decodeOrCodecException(() -> decoder.decode(again), payload);
                assertBufferUnchanged(before, again, kind + " newDecoder().decode of " + hex(payload));
            }
        }
    }

    // ---------------------------------------------------------------- bad input

    /** An empty payload throws {@link CodecException}, unless the codec declares it valid. */
    @Test
    public void decodeOfEmptyPayloadThrowsCodecException() {
        Codec<T> codec = codec();
        for (BufferKind kind : BufferKind.values()) {
            ByteBuffer empty = kind.holding(new byte[0]);
            if (emptyPayloadIsValid()) {
                assertNotNull(codec.decode(empty), kind + ": empty payload decoded to null");
            } else {
                assertThrows(CodecException.class, () -> codec.decode(empty), kind + ": empty payload");
                assertThrows(CodecException.class, () -> codec.newDecoder().decode(kind.holding(new byte[0])),
                        kind + ": empty payload through newDecoder()");
            }
        }
    }

    /** Every proper prefix of a valid encoding throws {@link CodecException} (or nothing, if allowed). */
    @Test
    public void decodeOfTruncatedEncodingThrowsCodecException() {
        Codec<T> codec = codec();
        for (T sample : nonEmptySamples()) {
            byte[] encoded = encode(sample);
            boolean mustFail = prefixesAreInvalid(sample);
            int step = Math.max(1, encoded.length / MAX_PREFIXES_PER_SAMPLE);
            for (int length = 1; length < encoded.length; length += step) {
                byte[] prefix = Arrays.copyOf(encoded, length);
                for (BufferKind kind : List.of(BufferKind.HEAP, BufferKind.DIRECT)) {
                    ByteBuffer buffer = kind.holding(prefix);
                    if (mustFail) {
                        assertThrows(CodecException.class, () -> codec.decode(buffer),
                                () -> kind + ": prefix " + hex(prefix) + " of the encoding of " + sample);
                    } else {
                        decodeOrCodecException(() -> codec.decode(buffer), prefix);
                    }
                }
            }
        }
    }

    /** The codec's own invalid payloads throw {@link CodecException}, through decode and a decoder. */
    @Test
    public void decodeOfInvalidPayloadThrowsCodecException() {
        Codec<T> codec = codec();
        for (byte[] payload : invalidPayloads()) {
            for (BufferKind kind : BufferKind.values()) {
                assertThrows(CodecException.class, () -> codec.decode(kind.holding(payload)),
                        () -> kind + ": " + hex(payload));
                assertThrows(CodecException.class, () -> codec.newDecoder().decode(kind.holding(payload)),
                        () -> kind + " newDecoder(): " + hex(payload));
            }
        }
    }

    // ---------------------------------------------------------------- encode

    /** Encode writes its bytes at the position, advances it by their count, touches nothing else. */
    @Test
    public void encodeAdvancesPositionByBytesWritten() {
        Codec<T> codec = codec();
        for (T sample : samples()) {
            byte[] expected = encode(sample);
            for (BufferKind kind : List.of(BufferKind.HEAP, BufferKind.HEAP_SLICE, BufferKind.DIRECT)) {
                ByteBuffer out = kind.filled(OFFSET + expected.length + TAIL);
                out.position(OFFSET);
                codec.encode(sample, out);
                assertEquals(OFFSET + expected.length, out.position(), kind + ": position after encode of " + sample);
                assertEquals(out.capacity(), out.limit(), kind + ": limit changed by encode");
                assertEquals(ByteOrder.LITTLE_ENDIAN, out.order(), kind + ": order changed by encode");
                byte[] written = new byte[expected.length];
                out.get(OFFSET, written);
                assertArrayEquals(expected, written, kind + ": bytes written for " + sample);
                assertFiller(out, 0, OFFSET, kind + ": encode wrote before the position");
                assertFiller(out, OFFSET + expected.length, out.capacity(), kind + ": encode wrote past its bytes");
            }
        }
    }

    /** Into a buffer one byte too small, encode throws {@link CodecException} and keeps the position. */
    @Test
    public void encodeIntoTooSmallBufferThrowsCodecExceptionAndKeepsPosition() {
        Codec<T> codec = codec();
        for (T sample : nonEmptySamples()) {
            int needed = encode(sample).length;
            for (int room : new int[] {needed - 1, 0}) {
                for (BufferKind kind : List.of(BufferKind.HEAP, BufferKind.HEAP_SLICE, BufferKind.DIRECT)) {
                    ByteBuffer out = kind.filled(OFFSET + room + TAIL);
                    out.position(OFFSET).limit(OFFSET + room);
                    assertThrows(CodecException.class, () -> codec.encode(sample, out),
                            () -> kind + ": encode of " + sample + " (" + needed + " bytes) into " + room);
                    assertEquals(OFFSET, out.position(), kind + ": position moved by a failed encode");
                    assertEquals(OFFSET + room, out.limit(), kind + ": limit moved by a failed encode");
                    assertFiller(out, 0, OFFSET, kind + ": failed encode wrote before the position");
                    assertFiller(out, OFFSET + room, out.capacity(), kind + ": failed encode wrote past the limit");
                }
            }
        }
    }

    // ---------------------------------------------------------------- threads

    /**
     * One codec shared by several threads decodes and encodes every sample correctly.
     *
     * @throws Exception if a worker thread fails or the bounded wait is interrupted
     */
    @Test
    public void sharedCodecIsThreadSafe() throws Exception {
        Codec<T> codec = codec();
        List<T> samples = nonEmptySamples();
        List<byte[]> encodings = new ArrayList<>();
        for (T sample : samples) {
            encodings.add(encode(sample));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                BufferKind kind = BufferKind.values()[t % BufferKind.values().length];
                results.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    ByteBuffer out = ByteBuffer.allocate(DatagramLimits.MAX_UDP_PAYLOAD);
                    for (int round = 0; round < ROUNDS_PER_THREAD; round++) {
                        for (int i = 0; i < samples.size(); i++) {
                            T decoded = codec.decode(kind.holding(encodings.get(i)));
                            if (!sameValue(samples.get(i), decoded)) {
                                throw new AssertionError("thread decoded " + decoded + ", expected " + samples.get(i));
                            }
                            out.clear();
                            codec.encode(samples.get(i), out);
                            byte[] written = Arrays.copyOf(out.array(), out.position());
                            if (!Arrays.equals(encodings.get(i), written)) {
                                throw new AssertionError("thread encoded " + hex(written) + ", expected "
                                        + hex(encodings.get(i)));
                            }
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertEquals(ROUNDS_PER_THREAD * samples.size(),
                        result.get(THREAD_TEST_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(THREAD_TEST_TIMEOUT_SECONDS, TimeUnit.SECONDS), "worker threads did not stop");
        }
    }

    // ---------------------------------------------------------------- newDecoder

    /** A decoder reused across payloads agrees with {@link Codec#decode}, value by value and failure by failure. */
    @Test
    public void newDecoderAgreesWithDecode() {
        Codec<T> codec = codec();
        for (BufferKind kind : BufferKind.values()) {
            Decoder<T> decoder = codec.newDecoder();
            for (int pass = 0; pass < 2; pass++) {
                for (T sample : nonEmptySamples()) {
                    byte[] encoded = encode(sample);
                    T expected = codec.decode(kind.holding(encoded));
                    T actual = decoder.decode(kind.holding(encoded));
                    assertNotNull(actual, "newDecoder().decode returned null");
                    assertTrue(sameValue(expected, actual),
                            () -> kind + ": newDecoder() gave " + actual + ", decode gave " + expected);
                }
                for (byte[] payload : invalidPayloads()) {
                    assertThrows(CodecException.class, () -> decoder.decode(kind.holding(payload)),
                            () -> kind + ": newDecoder() accepted " + hex(payload));
                }
            }
        }
    }

    // ---------------------------------------------------------------- fuzz

    /** Random bytes and mutated encodings decode or throw {@link CodecException}, never anything else. */
    @Test
    public void randomPayloadsThrowOnlyCodecException() {
        Codec<T> codec = codec();
        Decoder<T> decoder = codec.newDecoder();
        List<byte[]> encodings = new ArrayList<>();
        int longest = 16;
        for (T sample : nonEmptySamples()) {
            byte[] encoded = encode(sample);
            encodings.add(encoded);
            longest = Math.max(longest, encoded.length);
        }
        Random random = new Random(fuzzSeed());
        long deadline = System.nanoTime() + FUZZ_TIME_LIMIT_NANOS;
        for (int i = 0; i < fuzzIterations() && System.nanoTime() < deadline; i++) {
            byte[] noise = new byte[random.nextInt(Math.min(longest * 2, MAX_NOISE_LENGTH) + 1)];
            random.nextBytes(noise);
            byte[] mutated = encodings.isEmpty() ? noise : mutate(encodings.get(random.nextInt(encodings.size())), random);
            for (byte[] payload : List.of(noise, mutated)) {
                BufferKind kind = BufferKind.values()[i % BufferKind.values().length];
                decodeOrCodecException(() -> codec.decode(kind.holding(payload)), payload);
                decodeOrCodecException(() -> decoder.decode(kind.holding(payload)), payload);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Samples whose encoding is not empty (an empty encoding has no prefixes and no smaller buffer). */
    private List<T> nonEmptySamples() {
        List<T> all = samples();
        assertFalse(all.isEmpty(), "a codec contract needs at least one sample");
        List<T> nonEmpty = new ArrayList<>();
        for (T sample : all) {
            if (encode(sample).length > 0) {
                nonEmpty.add(sample);
            }
        }
        return nonEmpty;
    }

    /** The sample's encoding, written into a buffer of the largest datagram size. */
    private byte[] encode(T sample) {
        ByteBuffer out = ByteBuffer.allocate(DatagramLimits.MAX_UDP_PAYLOAD);
        codec().encode(sample, out);
        return Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] mutate(byte[] encoded, Random random) {
        byte[] copy = encoded.clone();
        switch (random.nextInt(4)) {
            case 0:
                if (copy.length > 0) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
                return copy;
            case 1:
                if (copy.length > 0) {
                    int at = random.nextInt(copy.length);
                    copy[at] = (byte) (copy[at] ^ (1 << random.nextInt(8)));
                }
                return copy;
            case 2:
                return Arrays.copyOf(copy, copy.length + 1 + random.nextInt(8));
            default:
                return Arrays.copyOf(copy, random.nextInt(copy.length + 1));
        }
    }

    /** Runs a decode that may succeed (with a non-null value) or throw {@link CodecException}; fails otherwise. */
    private void decodeOrCodecException(Supplier<T> decode, byte[] payload) {
        try {
            assertNotNull(decode.get(), () -> "decode returned null for " + hex(payload));
        } catch (CodecException expected) {
            assertNotNull(expected.getMessage(), "CodecException without a message for " + hex(payload));
        } catch (RuntimeException | StackOverflowError e) {
            fail("decode threw " + e + " instead of CodecException for " + hex(payload), e);
        }
    }

    /** A view of all of {@code buffer}'s bytes, 0 to capacity, whatever its position and limit. */
    private static ByteBuffer whole(ByteBuffer buffer) {
        return buffer.duplicate().clear();
    }

    private static ByteBuffer snapshot(ByteBuffer buffer) {
        ByteBuffer copy = ByteBuffer.allocate(buffer.capacity());
        copy.put(0, whole(buffer), 0, buffer.capacity());
        return copy.position(buffer.position()).limit(buffer.limit()).order(buffer.order());
    }

    private static void assertBufferUnchanged(ByteBuffer before, ByteBuffer after, String what) {
        assertEquals(before.position(), after.position(), what + ": position changed");
        assertEquals(before.limit(), after.limit(), what + ": limit changed");
        assertEquals(before.order(), after.order(), what + ": byte order changed");
        ByteBuffer afterBytes = whole(after);
        ByteBuffer beforeBytes = whole(before);
        for (int i = 0; i < before.capacity(); i++) {
            if (beforeBytes.get(i) != afterBytes.get(i)) {
                fail(what + ": byte " + i + " changed");
            }
        }
    }

    private static void assertFiller(ByteBuffer buffer, int from, int to, String what) {
        ByteBuffer bytes = whole(buffer);
        for (int i = from; i < to; i++) {
            if (bytes.get(i) != FILLER) {
                fail(what + " (byte " + i + ")");
            }
        }
    }

    /** Up to 64 bytes in hex, for failure messages. */
    static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder("[" + bytes.length + " bytes:");
        for (int i = 0; i < Math.min(bytes.length, 64); i++) {
            text.append(String.format(" %02x", bytes[i] & 0xFF));
        }
        return text.append(bytes.length > 64 ? " ...]" : "]").toString();
    }

    /** The kinds of buffer a payload arrives in; each puts it at a non-zero position, between filler. */
    enum BufferKind {
        /** A heap buffer whose array starts at index 0. */
        HEAP,
        /** A heap buffer sliced from a larger one: {@code arrayOffset()} is not zero. */
        HEAP_SLICE,
        /** A direct buffer: no array. */
        DIRECT,
        /** A read-only view of a heap buffer: {@code hasArray()} is false. */
        READ_ONLY_HEAP;

        /** A buffer of {@code capacity} filler bytes, little-endian, position 0, limit = capacity. */
        ByteBuffer filled(int capacity) {
            ByteBuffer buffer;
            if (this == DIRECT) {
                buffer = ByteBuffer.allocateDirect(capacity);
            } else if (this == HEAP_SLICE) {
                buffer = ByteBuffer.allocate(SLICE_OFFSET + capacity).position(SLICE_OFFSET).slice();
                for (int i = 0; i < SLICE_OFFSET; i++) {
                    buffer.array()[i] = (byte) ~FILLER;
                }
            } else {
                buffer = ByteBuffer.allocate(capacity);
            }
            for (int i = 0; i < capacity; i++) {
                buffer.put(i, FILLER);
            }
            return buffer.order(ByteOrder.LITTLE_ENDIAN);
        }

        /** {@code payload} at position {@link #OFFSET}, limit at its end, filler on both sides. */
        ByteBuffer holding(byte[] payload) {
            ByteBuffer buffer = filled(OFFSET + payload.length + TAIL);
            buffer.put(OFFSET, payload);
            buffer.position(OFFSET).limit(OFFSET + payload.length);
            return this == READ_ONLY_HEAP ? buffer.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN) : buffer;
        }
    }
}
