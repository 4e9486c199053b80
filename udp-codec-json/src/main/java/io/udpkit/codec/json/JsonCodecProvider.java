package io.udpkit.codec.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.spi.CodecProvider;

/**
 * The {@code json} codec provider: {@code --codec json} gives {@link JsonCodec#tree()}.
 *
 * <p>It takes no spec. A spec naming a class to bind to ({@code --codec-spec com.example.Order})
 * is refused on purpose: instantiating whatever class a string names is exactly the mechanism
 * behind Jackson's polymorphic-typing exploits, and specs are text that travels through config
 * files, command lines and scripts, far from code review. The class a codec binds to is chosen in
 * code, where the compiler sees it: {@code JsonCodec.of(Order.class)}.
 */
public final class JsonCodecProvider implements CodecProvider {

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public JsonCodecProvider() {
    }

    /**
     * The codec's name.
     *
     * @return {@code json}
     */
    @Override
    public String name() {
        return "json";
    }

    /**
     * What the codec does.
     *
     * @return a one-line description
     */
    @Override
    public String description() {
        return "one UTF-8 JSON document per datagram, as a Jackson tree; takes no spec";
    }

    /**
     * Returns the tree codec.
     *
     * @param spec must be empty or blank
     * @return {@link JsonCodec#tree()}
     * @throws CodecException if {@code spec} is not blank; the message says why and what to do
     */
    @Override
    public Codec<JsonNode> create(String spec) {
        if (spec != null && !spec.isBlank()) {
            throw new CodecException("the json codec takes no spec, got '" + printable(spec)
                    + "': it decodes to JSON trees, and binding to a class named in text is refused"
                    + " because letting text choose the class to instantiate is how JSON"
                    + " deserialization exploits work; bind in code with JsonCodec.of(YourType.class)");
        }
        return JsonCodec.tree();
    }

    /** The spec as it may appear in a one-line message: trimmed, control characters as {@code ?}, cut at 80. */
    private static String printable(String spec) {
        String line = spec.strip().replaceAll("\\p{Cntrl}", "?");
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }

    /**
     * The type of the values the codec decodes and encodes.
     *
     * @return {@code JsonNode.class}
     */
    @Override
    public Class<JsonNode> valueType() {
        return JsonNode.class;
    }
}
