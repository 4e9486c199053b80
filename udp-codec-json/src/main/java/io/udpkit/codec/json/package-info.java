/**
 * One UTF-8 JSON document per datagram: {@link io.udpkit.codec.json.JsonCodec} and its
 * {@code json} {@link io.udpkit.core.spi.CodecProvider provider}.
 */
package io.udpkit.codec.json;
