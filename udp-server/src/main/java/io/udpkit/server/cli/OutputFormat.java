package io.udpkit.server.cli;

import io.udpkit.server.sink.LineFormat;

/** How {@code udp-server} prints each decoded datagram on stdout ({@code --output}). */
enum OutputFormat {

    /** Python's repr ({@link LineFormat#TEXT}). */
    TEXT(LineFormat.TEXT),

    /** One JSON document per line ({@link LineFormat#JSON}). */
    JSON(LineFormat.JSON),

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
