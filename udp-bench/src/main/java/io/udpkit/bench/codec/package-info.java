/**
 * JMH benchmarks of udpkit's struct codec: for each record shape, the boxed API
 * ({@code Struct.unpack}/{@code pack}, {@code packInto}), the zero-allocation typed paths
 * ({@code StructReader} getters by index; {@code StructField} accessors for reading and writing)
 * and a hand-written {@link java.nio.ByteBuffer} baseline that reads and writes the same fields,
 * side by side. {@link io.udpkit.bench.codec.RecordBenchmark} holds what all shapes share.
 *
 * <p>Run with {@code java -jar udp-bench/target/udp-bench.jar} (add {@code -prof gc} for B/op).
 */
package io.udpkit.bench.codec;
