package io.udpkit.server.sink;

import io.udpkit.core.Sink;
import io.udpkit.core.SinkException;
import io.udpkit.core.spi.SinkProvider;
import java.util.Locale;

/**
 * The {@code stdout} sink: each value as a line on standard output; spec {@code text},
 * {@code json} or {@code json-strict}.
 */
public final class StdoutSinkProvider implements SinkProvider {

    /** Created by {@link java.util.ServiceLoader}. */
    public StdoutSinkProvider() {
    }

    @Override
    public String name() {
        return "stdout";
    }

    @Override
    public String description() {
        return "each value as a line on standard output; spec text (Python repr, the default), json "
                + "({\"from\":...,\"values\":[...]}) or json-strict (RFC 8259)";
    }

    @Override
    public Sink<?> create(String spec) {
        return StdoutSink.toStandardOutput(format(spec));
    }

    /**
     * Parses the spec: empty or {@code text}, {@code json} or {@code json-strict}.
     *
     * @param spec the spec
     * @return the line format
     * @throws SinkException if it is anything else
     */
    public static LineFormat format(String spec) {
        String text = spec.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty() || text.equals("text")) {
            return LineFormat.TEXT;
        }
        if (text.equals("json")) {
            return LineFormat.JSON;
        }
        if (text.equals("json-strict")) {
            return LineFormat.JSON_STRICT;
        }
        throw new SinkException("stdout sink: spec must be text, json or json-strict, got '" + spec + "'");
    }
}
