package io.udpkit.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.udpkit.format.JsonDialect;
import io.udpkit.format.JsonValues;
import io.udpkit.format.PythonRepr;
import java.net.InetSocketAddress;

/** How {@code udp-server} prints each decoded datagram on stdout. */
enum OutputFormat {

    /**
     * Python's repr, as the recipe logs it: {@code (1, b'ab', 2, 3, 3, 2.5)}; a JSON document
     * (the {@code json} codec's {@link JsonNode}) as compact JSON text, {@code {"a":1}}.
     */
    TEXT {
        @Override
        String line(Object value, InetSocketAddress sender) {
            return value instanceof JsonNode ? JsonValues.value(value) : PythonRepr.of(value);
        }
    },

    /**
     * {@code {"from":"127.0.0.1:5555","values":[1,"ab",2,3,3,2.5]}} for a struct record,
     * {@code {"from":"127.0.0.1:5555","value":{"a":1}}} for any other value (a JSON document,
     * text, bytes).
     */
    JSON {
        @Override
        String line(Object value, InetSocketAddress sender) {
            return JsonValues.record(sender, value);
        }
    },

    /**
     * As {@link #JSON}, in strict RFC 8259: non-finite floats as the strings {@code "NaN"},
     * {@code "Infinity"}, {@code "-Infinity"} ({@link JsonDialect#STRICT}). Given as
     * {@code --output json-strict}.
     */
    JSON_STRICT {
        @Override
        String line(Object value, InetSocketAddress sender) {
            return JsonValues.record(sender, value, JsonDialect.STRICT);
        }

        @Override
        public String toString() {
            return "json-strict";
        }
    },

    /** Nothing: values are only counted. */
    NONE {
        @Override
        String line(Object value, InetSocketAddress sender) {
            return null;
        }
    };

    /** The line for one decoded value, without terminator; {@code null} prints nothing. */
    abstract String line(Object value, InetSocketAddress sender);
}
