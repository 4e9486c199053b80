package io.udpkit.codec.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.udpkit.core.DatagramLimits;

/**
 * Builds the one {@link ObjectMapper} that every {@link JsonCodec} reads and writes with. The
 * mapper never leaves this package: a shared, configured mapper is thread-safe only as long as
 * nobody reconfigures it.
 *
 * <p>Every datagram is untrusted input from the network, so each setting below either narrows
 * what Jackson will do with such input or makes a silent fix-up an error:
 * <ul>
 *   <li><b>No default typing, and class names from the wire denied.</b> Default typing lets a
 *       document name the Java class to instantiate, the root of Jackson's long series of
 *       deserialization gadget CVEs. It is off, and {@link ClassNamesDenied} refuses class-name
 *       type ids even where a user class asks for them with
 *       {@code @JsonTypeInfo(use = Id.CLASS)}. Logical type names ({@code Id.NAME} with an explicit
 *       {@code @JsonSubTypes} list) still work: the set of classes stays the one in the code.</li>
 *   <li><b>Nesting depth at most {@value #MAX_NESTING_DEPTH}</b>, reading and writing.
 *       A 65,507-byte datagram of {@code [} is 65,507 levels deep; Jackson's default of 500 is
 *       already far more than any message format needs, and deep recursion in user
 *       deserializers costs stack. The same limit on writing means the codec never produces a
 *       document it would refuse to read.</li>
 *   <li><b>Numbers at most {@value #MAX_NUMBER_LENGTH} characters.</b> A {@code long} or
 *       {@code double} needs at most 25; the headroom admits honest {@code BigInteger} and
 *       {@code BigDecimal} values, while keeping their conversion, which is super-linear in the
 *       digit count, trivially cheap. (Jackson's default is 1,000.)</li>
 *   <li><b>Strings and whole documents at most {@value DatagramLimits#MAX_UDP_PAYLOAD}</b>
 *       (characters and bytes respectively): nothing larger fits in one datagram, so a larger
 *       value can only come from a caller feeding oversized buffers, and must not make Jackson
 *       buffer the default 20 million characters. Property names keep Jackson's own limit of
 *       50,000 characters, which is already below a datagram.</li>
 *   <li><b>Duplicate property names rejected</b> ({@link StreamReadFeature#STRICT_DUPLICATE_DETECTION}).
 *       {@code {"amount":1,"amount":1000}} means different things to parsers that keep the first
 *       and parsers that keep the last; a bridge or a filter in front of us might check one
 *       value and we would act on the other.</li>
 *   <li><b>Trailing tokens rejected</b> ({@link DeserializationFeature#FAIL_ON_TRAILING_TOKENS}).
 *       One datagram is one document: {@code {"a":1} {"a":2}} or {@code {"a":1}garbage} is a
 *       malformed datagram, not a valid one with an ignored tail. Trailing whitespace is
 *       fine.</li>
 *   <li><b>{@code null} for a primitive rejected</b>
 *       ({@link DeserializationFeature#FAIL_ON_NULL_FOR_PRIMITIVES}): {@code {"count":null}} bound
 *       to an {@code int} would otherwise silently become 0, hiding a sender's bug. For records
 *       (and other constructor-bound classes) this also rejects an <em>absent</em> primitive
 *       component; declare optional fields with a wrapper type such as {@code Integer}.</li>
 *   <li><b>No input echoed into error locations</b>
 *       ({@link StreamReadFeature#INCLUDE_SOURCE_IN_LOCATION} off, as in recent Jackson
 *       defaults): error messages go to logs, and logs should not carry attacker bytes.</li>
 *   <li><b>Characters outside the Basic Multilingual Plane written as UTF-8</b>
 *       ({@link JsonWriteFeature#COMBINE_UNICODE_SURROGATES_IN_UTF8}): one four-byte sequence
 *       instead of two six-byte escapes for the surrogate pair, so documents are smaller and
 *       carry the UTF-8 the format promises.</li>
 *   <li><b>{@code NaN}, {@code Infinity} and {@code -Infinity} read and written bare</b>
 *       ({@link JsonReadFeature#ALLOW_NON_NUMERIC_NUMBERS}, narrowed to Python's three spellings by
 *       {@link PythonNonFiniteNumbers}; {@link JsonWriteFeature#WRITE_NAN_AS_STRINGS} off), as
 *       Python's {@code json} module reads and writes them: udpkit's JSON output and bridge write
 *       them so, and the codec must read what udpkit writes. They are numbers, so the number
 *       length limit still applies and nothing else about the grammar is relaxed.</li>
 * </ul>
 * Jackson's other defaults stay, notably failing on unknown properties when binding to a class,
 * so a misspelt or unexpected field (including {@code "@class"}) is an error rather than silently
 * dropped; a class that wants to tolerate them says so with
 * {@code @JsonIgnoreProperties(ignoreUnknown = true)}.
 */
final class DatagramJsonMapper {

    /** Deepest nesting of arrays and objects read or written. */
    static final int MAX_NESTING_DEPTH = 64;

    /** Longest number literal read, in characters. */
    static final int MAX_NUMBER_LENGTH = 100;

    private DatagramJsonMapper() {
    }

    /**
     * Creates a mapper configured as described in the class comment.
     *
     * @return a new mapper; configure it no further
     */
    static ObjectMapper create() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxStringLength(DatagramLimits.MAX_UDP_PAYLOAD)
                        .maxDocumentLength(DatagramLimits.MAX_UDP_PAYLOAD)
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        return JsonMapper.builder(factory)
                .deactivateDefaultTyping()
                .polymorphicTypeValidator(new ClassNamesDenied())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }
}
