/**
 * The codecs udp-core ships, found by name through {@link io.udpkit.core.CodecRegistry}:
 * {@code raw} (payload bytes as they are) and {@code text} (strict UTF-8).
 */
package io.udpkit.core.codec;
