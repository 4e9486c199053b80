/**
 * The {@code kafka} sink: each decoded value becomes one record in an Apache Kafka topic,
 * produced asynchronously by {@code kafka-clients} with bounded memory. Found by name through
 * {@link io.udpkit.core.spi.SinkProvider}; {@code udp-server --sink kafka --sink-spec SPEC}.
 */
package io.udpkit.sink.kafka;
