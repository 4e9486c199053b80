/**
 * JMH benchmarks of udpkit's struct codec: for each record shape, the boxed API
 * ({@code Struct.unpack}/{@code pack}), the zero-allocation typed path ({@code StructReader}
 * getters; {@code packInto} for encoding) and a hand-written {@link java.nio.ByteBuffer} baseline
 * that reads and writes the same fields, side by side.
 *
 * <p>Run with {@code java -jar udp-bench/target/udp-bench.jar} (add {@code -prof gc} for B/op).
 */
package io.udpkit.bench.codec;
