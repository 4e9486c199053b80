/**
 * udpkit's transport and codec API.
 *
 * <p>A {@link io.udpkit.core.UdpEndpoint} is one bound UDP socket, configured by an immutable
 * {@link io.udpkit.core.TransportConfig}. A server calls
 * {@link io.udpkit.core.UdpEndpoint#serve serve} with a {@link io.udpkit.core.Codec} and a
 * {@link io.udpkit.core.DatagramHandler}; the loop decodes each datagram and passes the value with
 * an {@link io.udpkit.core.InboundDatagram} (sender, payload, reply) to the handler, counting
 * everything in {@link io.udpkit.core.TransportStats}. A client calls
 * {@link io.udpkit.core.UdpEndpoint#send send} and {@link io.udpkit.core.UdpEndpoint#receive
 * receive}. Codecs are found by name in a {@link io.udpkit.core.CodecRegistry}; the transport
 * itself knows no codec implementation.
 */
package io.udpkit.core;
