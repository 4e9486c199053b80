package io.udpkit.sink.kafka;

import io.udpkit.core.SinkException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code kafka} sink's spec, parsed and checked: comma-separated {@code key=value} pairs.
 *
 * <pre>
 * bootstrap=HOST:PORT[;HOST:PORT...]  required; the brokers to ask for metadata
 * topic=NAME                          required
 * key=sender|none|field:N             the record key (default sender, "127.0.0.1:5555")
 * value=json|json-strict|raw          the JSON document --output json (or json-strict) prints
 *                                     (default json), or the datagram's bytes
 * acks=all|1|0                        default all, with the idempotent producer
 * linger.ms=N                         default 5
 * batch.size=BYTES                    default 65536
 * buffer.memory=BYTES                 the producer's bounded buffer, default 16777216
 * max.block.ms=N                      longest send() waits for metadata or buffer, default 50
 * delivery.timeout.ms=N               give a record up after this long, default 120000
 * compression=none|gzip|snappy|lz4|zstd  default none
 * open.timeout.ms=N                   how long opening waits for the first metadata, default 10000
 * </pre>
 */
final class KafkaSinkSpec {

    /** How the record key is made. */
    enum KeyChoice { SENDER, NONE, FIELD }

    /** What the record value holds. */
    enum ValueChoice { JSON, JSON_STRICT, RAW }

    private static final Set<String> KEYS = Set.of("bootstrap", "topic", "key", "value", "acks",
            "linger.ms", "batch.size", "buffer.memory", "max.block.ms", "delivery.timeout.ms",
            "compression", "open.timeout.ms");

    final String bootstrap;
    final String topic;
    final KeyChoice key;
    final int keyField;
    final ValueChoice value;
    final String acks;
    final long lingerMs;
    final int batchSize;
    final long bufferMemory;
    final long maxBlockMs;
    final long deliveryTimeoutMs;
    final String compression;
    final long openTimeoutMs;

    private KafkaSinkSpec(Map<String, String> pairs) {
        bootstrap = required(pairs, "bootstrap").replace(';', ',');
        for (String server : bootstrap.split(",", -1)) {
            int colon = server.lastIndexOf(':');
            if (colon <= 0 || colon == server.length() - 1) {
                throw new SinkException("kafka sink: bootstrap needs HOST:PORT, got '" + server + "'");
            }
            long port = number(server.substring(colon + 1), "bootstrap port");
            if (port < 1 || port > 65_535) {
                throw new SinkException("kafka sink: bootstrap port out of range: " + port);
            }
        }
        topic = required(pairs, "topic");
        if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new SinkException("kafka sink: topic must be 1 to 249 of [A-Za-z0-9._-]: " + topic);
        }
        String keyText = pairs.getOrDefault("key", "sender");
        if (keyText.equals("sender")) {
            key = KeyChoice.SENDER;
            keyField = -1;
        } else if (keyText.equals("none")) {
            key = KeyChoice.NONE;
            keyField = -1;
        } else if (keyText.startsWith("field:")) {
            key = KeyChoice.FIELD;
            long index = number(keyText.substring("field:".length()), "key field index");
            if (index < 0 || index > 65_535) {
                throw new SinkException("kafka sink: key field index out of range: " + index);
            }
            keyField = (int) index;
        } else {
            throw new SinkException("kafka sink: key must be sender, none or field:N, got '" + keyText + "'");
        }
        String valueText = pairs.getOrDefault("value", "json");
        if (valueText.equals("json")) {
            value = ValueChoice.JSON;
        } else if (valueText.equals("json-strict")) {
            value = ValueChoice.JSON_STRICT;
        } else if (valueText.equals("raw")) {
            value = ValueChoice.RAW;
        } else {
            throw new SinkException("kafka sink: value must be json, json-strict or raw, got '"
                    + valueText + "'");
        }
        acks = pairs.getOrDefault("acks", "all");
        if (!Set.of("all", "1", "0").contains(acks)) {
            throw new SinkException("kafka sink: acks must be all, 1 or 0, got '" + acks + "'");
        }
        lingerMs = bounded(pairs, "linger.ms", 5, 0, 60_000);
        batchSize = (int) bounded(pairs, "batch.size", 65_536, 1, 16 << 20);
        bufferMemory = bounded(pairs, "buffer.memory", 16L << 20, 1 << 16, 1L << 32);
        maxBlockMs = bounded(pairs, "max.block.ms", 50, 0, 60_000);
        deliveryTimeoutMs = bounded(pairs, "delivery.timeout.ms", 120_000, 1_000, 86_400_000);
        compression = pairs.getOrDefault("compression", "none");
        if (!Set.of("none", "gzip", "snappy", "lz4", "zstd").contains(compression)) {
            throw new SinkException("kafka sink: compression must be none, gzip, snappy, lz4 or zstd, got '"
                    + compression + "'");
        }
        openTimeoutMs = bounded(pairs, "open.timeout.ms", 10_000, 0, 600_000);
    }

    /**
     * Parses a spec.
     *
     * @param spec {@code key=value} pairs separated by commas
     * @return the parsed spec
     * @throws SinkException with a one-line reason if it is invalid
     */
    static KafkaSinkSpec parse(String spec) {
        if (spec.length() > 4096) {
            throw new SinkException("kafka sink: spec longer than 4096 characters");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String part : spec.split(",", -1)) {
            String pair = part.strip();
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new SinkException("kafka sink: expected key=value, got '" + pair + "'");
            }
            String name = pair.substring(0, equals).strip();
            if (!KEYS.contains(name)) {
                throw new SinkException("kafka sink: unknown key '" + name + "'; known: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)));
            }
            if (pairs.put(name, pair.substring(equals + 1).strip()) != null) {
                throw new SinkException("kafka sink: '" + name + "' given twice");
            }
        }
        return new KafkaSinkSpec(pairs);
    }

    private static String required(Map<String, String> pairs, String name) {
        String value = pairs.get(name);
        if (value == null || value.isEmpty()) {
            throw new SinkException("kafka sink: spec needs " + name + "=..., e.g. "
                    + "'bootstrap=127.0.0.1:9092,topic=records'");
        }
        return value;
    }

    private static long bounded(Map<String, String> pairs, String name, long fallback, long min, long max) {
        String text = pairs.get(name);
        if (text == null) {
            return fallback;
        }
        long value = number(text, name);
        if (value < min || value > max) {
            throw new SinkException("kafka sink: " + name + " must be " + min + " to " + max + ": " + value);
        }
        return value;
    }

    private static long number(String text, String what) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new SinkException("kafka sink: " + what + " is not a number: '" + text + "'");
        }
    }
}
