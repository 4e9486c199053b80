package io.udpkit.codec.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns Jackson's exceptions into the one-line reasons a {@link io.udpkit.core.CodecException}
 * carries: Jackson's own reason, the JSON path for binding errors, and line and column, without
 * Jackson's multi-line source and reference-chain dumps. Messages end up in logs and on CLI
 * stderr, so they are also stripped of control characters and capped in length.
 */
final class JacksonFailures {

    /** Longest reason kept from Jackson, in characters; Jackson may quote input tokens. */
    private static final int MAX_REASON_LENGTH = 200;

    /** Longest JSON path kept, in characters; property names come from the sender. */
    private static final int MAX_PATH_LENGTH = 100;

    /**
     * Jackson's pointer to the setting behind a limit, as in {@code (64, from
     * `StreamReadConstraints.getMaxNestingDepth()`)}: meaningless to whoever sent the datagram.
     */
    private static final Pattern CONFIGURATION_HINT = Pattern.compile(", from `[^`]*`|: enable `[^`]*` to allow| \\(set [^)]* to allow\\)");

    /** Jackson's location dump inside a reason, as in {@code start marker at [Source: ...; line: 1, column: 1]}. */
    private static final Pattern SOURCE_LOCATION =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    private JacksonFailures() {
    }

    /**
     * Describes why a document could not be read.
     *
     * @param failure  what Jackson threw
     * @param location where in the document it happened, or {@code null} if unknown
     * @return one line: reason, then {@code at $.path} if known, then {@code (line L, column C)}
     */
    static String describeRead(JsonProcessingException failure, JsonLocation location) {
        StringBuilder line = new StringBuilder(reason(failure));
        String path = path(failure);
        if (!path.isEmpty()) {
            line.append(" at ").append(path);
        }
        if (location != null && location.getLineNr() > 0) {
            line.append(" (line ").append(location.getLineNr())
                    .append(", column ").append(location.getColumnNr()).append(')');
        }
        return line.toString();
    }

    /**
     * Describes why a value could not be written.
     *
     * @param failure what Jackson threw
     * @return one line: reason, then {@code at $.path} if known
     */
    static String describeWrite(JsonProcessingException failure) {
        String path = path(failure);
        return path.isEmpty() ? reason(failure) : reason(failure) + " at " + path;
    }

    private static String reason(JsonProcessingException failure) {
        String original = failure.getOriginalMessage();
        if (original == null || original.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        String withoutHints = CONFIGURATION_HINT.matcher(original).replaceAll("");
        String plainLocations = SOURCE_LOCATION.matcher(withoutHints).replaceAll("line $1, column $2");
        return printable(plainLocations, MAX_REASON_LENGTH);
    }

    /** Newlines and tabs become spaces, other control characters {@code ?}; long text is cut. */
    private static String printable(String text, int maxLength) {
        StringBuilder clean = new StringBuilder(Math.min(text.length(), maxLength) + 3);
        for (int i = 0; i < text.length() && clean.length() < maxLength; i++) {
            char c = text.charAt(i);
            clean.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > maxLength) {
            clean.append("...");
        }
        return clean.toString().strip();
    }

    /** The JSON path of a binding error, such as {@code $.items[2].name}; empty if unknown. */
    private static String path(JsonProcessingException failure) {
        if (!(failure instanceof JsonMappingException)) {
            return "";
        }
        List<JsonMappingException.Reference> references = ((JsonMappingException) failure).getPath();
        if (references.isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return printable(path.toString(), MAX_PATH_LENGTH);
    }
}
