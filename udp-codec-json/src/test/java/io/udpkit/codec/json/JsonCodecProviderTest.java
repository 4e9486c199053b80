package io.udpkit.codec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.CodecException;
import io.udpkit.core.CodecRegistry;
import io.udpkit.core.spi.CodecProvider;
import org.junit.jupiter.api.Test;

class JsonCodecProviderTest {

    @Test
    void serviceLoaderFindsJsonProvider() {
        CodecProvider provider = CodecRegistry.load(JsonCodecProviderTest.class.getClassLoader()).provider("json");
        assertInstanceOf(JsonCodecProvider.class, provider);
        assertFalse(provider.description().isBlank());
        assertFalse(provider.description().contains("\n"));
    }

    @Test
    void emptyOrBlankSpecGivesTreeCodec() {
        JsonCodecProvider provider = new JsonCodecProvider();
        assertSame(JsonCodec.tree(), provider.create(""));
        assertSame(JsonCodec.tree(), provider.create("  "));
        assertSame(JsonCodec.tree(), CodecRegistry.of(java.util.List.of(provider)).create("json", null));
    }

    @Test
    void classNameSpecIsRefusedWithReason() {
        CodecException e = assertThrows(CodecException.class, () -> new JsonCodecProvider().create("com.example.Order"));
        assertTrue(e.getMessage().startsWith("the json codec takes no spec, got 'com.example.Order'"), e.getMessage());
        assertTrue(e.getMessage().contains("JsonCodec.of(YourType.class)"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
        CodecException multiLine = assertThrows(CodecException.class, () -> new JsonCodecProvider().create("a\nb"));
        assertTrue(multiLine.getMessage().startsWith("the json codec takes no spec, got 'a?b'"), multiLine.getMessage());
    }
}
