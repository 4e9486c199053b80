package io.udpkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.Decoder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Proves {@link CodecContract} can fail: runs every one of its checks against a correct codec
 * (all pass) and against codecs each broken in one way the contract forbids (the matching checks
 * fail). The codecs are defined here; they encode an {@code int} as four big-endian bytes.
 */
class CodecContractSelfTest {

    @Test
    void correctCodecPassesEveryCheck() {
        assertEquals(Map.of(), failedChecks(new Contract(new FourByteIntCodec())));
    }

    @Test
    void contractDetectsDecodeThatMovesThePosition() {
        Map<String, Throwable> failed = failedChecks(new Contract(new FourByteIntCodec() {
            @Override
            public Integer decode(ByteBuffer payload) {
                checkLength(payload);
                payload.position(payload.position() + 4);
                return readInt(payload, payload.position() - 4);
            }
        }));
        assertTrue(failed.containsKey("decodeLeavesBufferUnchanged"), failed::toString);
    }

    @Test
    void contractDetectsExceptionsOtherThanCodecException() {
        Map<String, Throwable> failed = failedChecks(new Contract(new FourByteIntCodec() {
            @Override
            public Integer decode(ByteBuffer payload) {
                return readInt(payload, payload.position()); // no length check: IndexOutOfBounds on short input
            }
        }));
        assertTrue(failed.keySet().containsAll(List.of(
                "decodeOfEmptyPayloadThrowsCodecException",
                "decodeOfTruncatedEncodingThrowsCodecException",
                "randomPayloadsThrowOnlyCodecException")), failed::toString);
    }

    @Test
    void contractDetectsEncodeThatOverrunsOrMovesOnFailure() {
        Map<String, Throwable> failed = failedChecks(new Contract(new FourByteIntCodec() {
            @Override
            public void encode(Integer value, ByteBuffer out) {
                for (int shift = 24; shift >= 0; shift -= 8) {
                    out.put((byte) (value >> shift)); // BufferOverflowException part-way, position moved
                }
            }
        }));
        assertEquals(List.of("encodeIntoTooSmallBufferThrowsCodecExceptionAndKeepsPosition"),
                List.copyOf(failed.keySet()), failed::toString);
    }

    @Test
    void contractDetectsCodecThatIgnoresArrayOffset() {
        Map<String, Throwable> failed = failedChecks(new Contract(new FourByteIntCodec() {
            @Override
            public Integer decode(ByteBuffer payload) {
                if (!payload.hasArray()) {
                    return super.decode(payload);
                }
                checkLength(payload);
                byte[] array = payload.array();
                int at = payload.position(); // forgets payload.arrayOffset()
                return (array[at] & 0xFF) << 24 | (array[at + 1] & 0xFF) << 16 | (array[at + 2] & 0xFF) << 8 | array[at + 3] & 0xFF;
            }
        }));
        assertTrue(failed.containsKey("roundTripGivesEqualValue"), failed::toString);
    }

    @Test
    void contractDetectsLossyRoundTrip() {
        Map<String, Throwable> failed = failedChecks(new Contract(new FourByteIntCodec() {
            @Override
            public Integer decode(ByteBuffer payload) {
                return super.decode(payload) & 0x00FF_FFFF; // drops the top byte
            }
        }));
        assertTrue(failed.containsKey("roundTripGivesEqualValue"), failed::toString);
    }

    @Test
    void contractDetectsDecoderThatDisagreesWithDecode() {
        Map<String, Throwable> failed = failedChecks(new Contract(new FourByteIntCodec() {
            @Override
            public Decoder<Integer> newDecoder() {
                return payload -> decode(payload) + 1;
            }
        }));
        assertEquals(List.of("newDecoderAgreesWithDecode"), List.copyOf(failed.keySet()), failed::toString);
    }

    /** Invokes every {@code @Test} method of the contract on {@code contract}; returns the failures by name. */
    private static Map<String, Throwable> failedChecks(CodecContract<?> contract) {
        Map<String, Throwable> failures = new TreeMap<>();
        int run = 0;
        for (Method check : CodecContract.class.getDeclaredMethods()) {
            if (!check.isAnnotationPresent(Test.class)) {
                continue;
            }
            run++;
            try {
                check.invoke(contract);
            } catch (InvocationTargetException e) {
                failures.put(check.getName(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new AssertionError("contract check not public: " + check, e);
            }
        }
        assertEquals(11, run, "number of checks in CodecContract; update when adding one");
        return failures;
    }

    /** The contract applied to one {@link FourByteIntCodec} variant. */
    private static final class Contract extends CodecContract<Integer> {
        private final Codec<Integer> codec;

        Contract(Codec<Integer> codec) {
            this.codec = codec;
        }

        @Override
        protected Codec<Integer> codec() {
            return codec;
        }

        @Override
        protected List<Integer> samples() {
            return List.of(0, 1, -1, 0x0102_0304, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }

        @Override
        protected List<byte[]> invalidPayloads() {
            return List.of(new byte[5], new byte[3]);
        }

        @Override
        protected int fuzzIterations() {
            return 300;
        }
    }

    /** A correct codec: exactly four bytes, big-endian, read and written by absolute index. */
    private static class FourByteIntCodec implements Codec<Integer> {

        @Override
        public Integer decode(ByteBuffer payload) {
            checkLength(payload);
            return readInt(payload, payload.position());
        }

        @Override
        public void encode(Integer value, ByteBuffer out) {
            if (out.remaining() < 4) {
                throw new CodecException("an int needs 4 bytes, " + out.remaining() + " left");
            }
            int at = out.position();
            for (int i = 0; i < 4; i++) {
                out.put(at + i, (byte) (value >> (24 - 8 * i)));
            }
            out.position(at + 4);
        }

        static void checkLength(ByteBuffer payload) {
            if (payload.remaining() != 4) {
                throw new CodecException("an int is 4 bytes, got " + payload.remaining());
            }
        }

        static int readInt(ByteBuffer payload, int at) {
            int value = 0;
            for (int i = 0; i < 4; i++) {
                value = value << 8 | payload.get(at + i) & 0xFF;
            }
            return value;
        }
    }
}
