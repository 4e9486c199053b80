package io.udpkit.sink.kafka;

import io.udpkit.core.Sink;
import io.udpkit.core.SinkContext;
import io.udpkit.core.spi.SinkProvider;

/**
 * The {@code kafka} sink provider: {@code --sink kafka --sink-spec
 * 'bootstrap=127.0.0.1:9092,topic=records'}. The spec's keys are {@code bootstrap} and
 * {@code topic} (required), {@code key} ({@code sender}, {@code none}, {@code field:N}),
 * {@code value} ({@code json}, {@code json-strict}, {@code raw}), {@code acks}, {@code linger.ms},
 * {@code batch.size}, {@code buffer.memory}, {@code max.block.ms}, {@code delivery.timeout.ms},
 * {@code compression} and {@code open.timeout.ms}; see the README.
 */
public final class KafkaSinkProvider implements SinkProvider {

    /** Created by {@link java.util.ServiceLoader}. */
    public KafkaSinkProvider() {
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String description() {
        return "each value as a record in an Apache Kafka topic; spec "
                + "bootstrap=HOST:PORT,topic=NAME[,key=sender|none|field:N][,value=json|json-strict|raw][,acks=all|1|0]"
                + "[,linger.ms=N][,batch.size=B][,buffer.memory=B][,max.block.ms=N]";
    }

    @Override
    public Sink<?> create(String spec) {
        return create(spec, SinkContext.none());
    }

    @Override
    public Sink<?> create(String spec, SinkContext context) {
        return new KafkaSink(KafkaSinkSpec.parse(spec), context.codec());
    }
}
