/**
 * The sinks udp-server ships, found by name through {@link io.udpkit.core.spi.SinkProvider}:
 * {@code stdout} (each value as a line, Python repr or JSON, what {@code --output} prints) and
 * {@code udp-json} (each value as a JSON datagram to one target, what {@code --forward} does).
 */
package io.udpkit.server.sink;
