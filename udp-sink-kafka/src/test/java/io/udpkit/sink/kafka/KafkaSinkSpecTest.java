package io.udpkit.sink.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.udpkit.core.SinkException;
import io.udpkit.core.SinkRegistry;
import org.junit.jupiter.api.Test;

/** The spec's defaults and its one-line refusals. */
class KafkaSinkSpecTest {

    @Test
    void defaultsAreIdempotentAcksAllJsonValuesKeyedBySender() {
        KafkaSinkSpec spec = KafkaSinkSpec.parse("bootstrap=127.0.0.1:9092,topic=records");
        assertEquals("127.0.0.1:9092", spec.bootstrap);
        assertEquals("records", spec.topic);
        assertEquals(KafkaSinkSpec.KeyChoice.SENDER, spec.key);
        assertEquals(KafkaSinkSpec.ValueChoice.JSON, spec.value);
        assertEquals("all", spec.acks);
        assertEquals(50, spec.maxBlockMs);
        assertEquals(16L << 20, spec.bufferMemory);
    }

    @Test
    void everyKeyIsParsed() {
        KafkaSinkSpec spec = KafkaSinkSpec.parse(" bootstrap=a:1;b:2 , topic=t.x-1, key=field:3, "
                + "value=raw, acks=1, linger.ms=0, batch.size=1024, buffer.memory=65536, "
                + "max.block.ms=0, delivery.timeout.ms=5000, compression=lz4, open.timeout.ms=0");
        assertEquals("a:1,b:2", spec.bootstrap);
        assertEquals(KafkaSinkSpec.KeyChoice.FIELD, spec.key);
        assertEquals(3, spec.keyField);
        assertEquals(KafkaSinkSpec.ValueChoice.RAW, spec.value);
        assertEquals("1", spec.acks);
        assertEquals(1024, spec.batchSize);
        assertEquals("lz4", spec.compression);
        assertEquals(0, spec.openTimeoutMs);
    }

    @Test
    void badSpecsAreOneLineReasons() {
        assertRefused("topic=t", "kafka sink: spec needs bootstrap=..., e.g. 'bootstrap=127.0.0.1:9092,topic=records'");
        assertRefused("bootstrap=localhost,topic=t", "kafka sink: bootstrap needs HOST:PORT, got 'localhost'");
        assertRefused("bootstrap=h:70000,topic=t", "kafka sink: bootstrap port out of range: 70000");
        assertRefused("bootstrap=h:1,topic=a b", "kafka sink: topic must be 1 to 249 of [A-Za-z0-9._-]: a b");
        assertRefused("bootstrap=h:1,topic=t,key=port", "kafka sink: key must be sender, none or field:N, got 'port'");
        assertRefused("bootstrap=h:1,topic=t,value=avro", "kafka sink: value must be json, json-strict or raw, got 'avro'");
        assertRefused("bootstrap=h:1,topic=t,acks=2", "kafka sink: acks must be all, 1 or 0, got '2'");
        assertRefused("bootstrap=h:1,topic=t,linger.ms=x", "kafka sink: linger.ms is not a number: 'x'");
        assertRefused("bootstrap=h:1,topic=t,buffer.memory=1", "kafka sink: buffer.memory must be 65536 to 4294967296: 1");
        assertRefused("bootstrap=h:1,topic=t,topic=u", "kafka sink: 'topic' given twice");
        assertRefused("bootstrap=h:1,topic=t,sasl=x", "kafka sink: unknown key 'sasl'; known: acks, batch.size, "
                + "bootstrap, buffer.memory, compression, delivery.timeout.ms, key, linger.ms, max.block.ms, "
                + "open.timeout.ms, topic, value");
        assertRefused("bootstrap", "kafka sink: expected key=value, got 'bootstrap'");
    }

    @Test
    void theProviderIsFoundByNameAndCreatesUnopenedSinks() {
        SinkRegistry registry = SinkRegistry.installed();
        assertEquals(KafkaSinkProvider.class, registry.provider("kafka").getClass());
        // Creating connects nowhere: the address is only used when the sink's thread opens it.
        assertEquals(KafkaSink.class, registry.create("kafka", "bootstrap=127.0.0.1:1,topic=t").getClass());
        SinkException e = assertThrows(SinkException.class, () -> registry.create("kafka", ""));
        assertEquals("kafka sink: spec needs bootstrap=..., e.g. 'bootstrap=127.0.0.1:9092,topic=records'",
                e.getMessage());
    }

    private static void assertRefused(String spec, String message) {
        SinkException e = assertThrows(SinkException.class, () -> KafkaSinkSpec.parse(spec));
        assertEquals(message, e.getMessage());
    }
}
