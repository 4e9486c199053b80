package io.udpkit.server.cli;

import io.udpkit.server.sink.LineFormat;

/** How {@code udp-server} prints each decoded datagram on stdout ({@code --output}). */
enum OutputFormat {

    /** Python's repr ({@link LineFormat#TEXT}). */
    TEXT(LineFormat.TEXT),

    /** One JSON document per line as Python's json.dumps writes it ({@link LineFormat#JSON}). */
    JSON(LineFormat.JSON),

    /**
     * As {@link #JSON}, in strict RFC 8259 ({@link LineFormat#JSON_STRICT}). Given as
     * {@code --output json-strict}.
     */
    JSON_STRICT(LineFormat.JSON_STRICT) {
        @Override
        public String toString() {
            return "json-strict";
        }
    },

    /** Nothing: values are only counted. */
    NONE(null);

    private final LineFormat lineFormat;

    OutputFormat(LineFormat lineFormat) {
        this.lineFormat = lineFormat;
    }

    /** The stdout sink's format; {@code null} for {@link #NONE}. */
    LineFormat lineFormat() {
        return lineFormat;
    }
}
