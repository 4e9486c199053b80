/**
 * The README's "Use as a library" examples: {@link io.udpkit.examples.ServerExample},
 * {@link io.udpkit.examples.ClientExample} and a custom codec
 * ({@link io.udpkit.examples.ReadingCodec}, {@link io.udpkit.examples.ReadingCodecProvider},
 * {@link io.udpkit.examples.ReadingServerExample}). The tests beside them run each one.
 */
package io.udpkit.examples;
