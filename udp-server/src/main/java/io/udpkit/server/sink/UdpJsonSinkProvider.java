package io.udpkit.server.sink;

import io.udpkit.core.Sink;
import io.udpkit.core.SinkException;
import io.udpkit.core.SocketAddresses;
import io.udpkit.core.spi.SinkProvider;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** The {@code udp-json} sink: each value as a JSON datagram to {@code HOST:PORT} (the spec). */
public final class UdpJsonSinkProvider implements SinkProvider {

    /** Created by {@link java.util.ServiceLoader}. */
    public UdpJsonSinkProvider() {
    }

    @Override
    public String name() {
        return "udp-json";
    }

    @Override
    public String description() {
        return "each value as one JSON datagram ({\"from\":...,\"values\":[...]}) to the spec's HOST:PORT, "
                + "as --forward does";
    }

    @Override
    public Sink<?> create(String spec) {
        String text = spec.strip();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new SinkException("udp-json sink: spec needs HOST:PORT, got '" + spec + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new SinkException("udp-json sink: port is not a number: '" + spec + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new SinkException("udp-json sink: port out of range: " + port);
        }
        try {
            InetSocketAddress target = SocketAddresses.resolve(host, port);
            return UdpJsonSink.to(target);
        } catch (UnknownHostException e) {
            throw new SinkException("udp-json sink: unknown host: " + host);
        } catch (IllegalArgumentException e) {
            throw new SinkException("udp-json sink: " + e.getMessage());
        }
    }
}
