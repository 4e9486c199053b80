package io.udpkit.codec.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * Narrows Jackson's non-numeric numbers to exactly the three Python's {@code json} module reads
 * and writes: {@code NaN}, {@code Infinity} and {@code -Infinity}. Jackson's
 * {@code ALLOW_NON_NUMERIC_NUMBERS} also takes {@code +Infinity}, {@code +INF} and {@code -INF},
 * which {@code json.loads} refuses; this parser refuses them too, so both ends agree on what a
 * document is. Number literals too large for a double ({@code 1e400}) stay infinities, as in
 * Python.
 */
final class PythonNonFiniteNumbers extends JsonParserDelegate {

    PythonNonFiniteNumbers(JsonParser parser) {
        super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = delegate.nextToken();
        if (token == JsonToken.VALUE_NUMBER_FLOAT && delegate.isNaN()) {
            String text = delegate.getText();
            char first = text.isEmpty() ? '?' : text.charAt(text.length() - 1);
            boolean literal = first >= '0' && first <= '9';
            if (!literal && !text.equals("NaN") && !text.equals("Infinity")
                    && !text.equals("-Infinity")) {
                throw new JsonParseException(delegate, "non-numeric number '" + text
                        + "': only NaN, Infinity and -Infinity are read, as Python's json module reads them");
            }
        }
        return token;
    }
}
