/**
 * The {@code json} codec: one UTF-8 JSON document per datagram, read and written with Jackson,
 * with limits and refusals suited to input from the network.
 *
 * <p>Jackson's types appear in this module's API ({@code JsonCodec.tree()} yields
 * {@code JsonNode}s), so it requires jackson-databind transitively. To bind datagrams to your own
 * classes or records on the module path, open their package to Jackson:
 * {@code opens com.example.messages to com.fasterxml.jackson.databind;}. On the class path nothing
 * is needed.
 */
module io.udpkit.codec.json {
    requires transitive io.udpkit.core;
    requires transitive com.fasterxml.jackson.databind;

    exports io.udpkit.codec.json;

    provides io.udpkit.core.spi.CodecProvider with io.udpkit.codec.json.JsonCodecProvider;
}
