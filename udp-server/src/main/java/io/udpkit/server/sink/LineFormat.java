package io.udpkit.server.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.udpkit.format.JsonDialect;
import io.udpkit.format.JsonDocumentWriter;
import io.udpkit.format.JsonValues;
import io.udpkit.format.PythonRepr;
import java.net.InetSocketAddress;

/** How the {@code stdout} sink writes each value: one line, without its terminator. */
public enum LineFormat {

    /**
     * Python's repr, as the recipe logs it: {@code (1, b'ab', 2, 3, 3, 2.5)}; a JSON document
     * (the {@code json} codec's {@link JsonNode}) as compact JSON text, {@code {"a":1}}.
     */
    TEXT {
        @Override
        public String line(Object value, InetSocketAddress sender) {
            return value instanceof JsonNode ? JsonValues.value(value) : PythonRepr.of(value);
        }
    },

    /**
     * {@code {"from":"127.0.0.1:5555","values":[1,"ab",2,3,3,2.5]}} for a struct record,
     * {@code {"from":"127.0.0.1:5555","value":{"a":1}}} for any other value.
     */
    JSON {
        /** Each loop's writer: the line's String is all a record allocates. */
        private final ThreadLocal<JsonDocumentWriter> json =
                ThreadLocal.withInitial(() -> new JsonDocumentWriter(JsonDialect.PYTHON));

        @Override
        public String line(Object value, InetSocketAddress sender) {
            return json.get().record(sender, value).toString();
        }
    },

    /**
     * As {@link #JSON}, in strict RFC 8259: non-finite floats as the strings {@code "NaN"},
     * {@code "Infinity"}, {@code "-Infinity"} ({@link JsonDialect#STRICT}).
     */
    JSON_STRICT {
        private final ThreadLocal<JsonDocumentWriter> json =
                ThreadLocal.withInitial(() -> new JsonDocumentWriter(JsonDialect.STRICT));

        @Override
        public String line(Object value, InetSocketAddress sender) {
            return json.get().record(sender, value).toString();
        }
    };

    /**
     * The line for one decoded value.
     *
     * @param value  the value, read during the call only
     * @param sender who sent it
     * @return the line, without a terminator
     */
    public abstract String line(Object value, InetSocketAddress sender);
}
