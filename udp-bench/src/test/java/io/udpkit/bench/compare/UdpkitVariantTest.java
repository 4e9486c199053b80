package io.udpkit.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.TransportConfig;
import org.junit.jupiter.api.Test;

class UdpkitVariantTest {

    @Test
    void emptyIsTheDefaults() {
        assertEquals(UdpkitVariant.DEFAULTS, UdpkitVariant.parse(""));
    }

    @Test
    void parsesEverySetting() {
        UdpkitVariant variant = UdpkitVariant.parse("warmup=20000,io=batch,threads=2,idle=spin,maxDatagram=2048");

        assertEquals(new UdpkitVariant(20_000, "batch", 2, "spin", 2048), variant);
        assertEquals(2048, variant.applyTo(TransportConfig.builder()).build().maxDatagramSize());
    }

    @Test
    void rejectsUnknownRepeatedAndOutOfRangeSettingsNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UdpkitVariant.parse("turbo=1"))
                .getMessage().contains("[turbo]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UdpkitVariant.parse("io=nio,io=batch"))
                .getMessage().contains("io twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UdpkitVariant.parse("threads=0"))
                .getMessage().contains("threads out of range 1..64: 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UdpkitVariant.parse("maxDatagram=65508"))
                .getMessage().contains("maxDatagram out of range 1..65507: 65508"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UdpkitVariant.parse("idle=nap"))
                .getMessage().contains("block|yield|spin|receive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UdpkitVariant.parse("warmup"))
                .getMessage().contains("not key=value"));
    }
}
