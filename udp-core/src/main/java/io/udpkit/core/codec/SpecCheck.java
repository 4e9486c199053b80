package io.udpkit.core.codec;

import io.udpkit.core.CodecException;

/** The one rule udp-core's own codecs apply to their spec: there must be none. */
final class SpecCheck {

    private SpecCheck() {
    }

    static void requireEmpty(String codec, String spec) {
        if (spec != null && !spec.isBlank()) {
            throw new CodecException("the " + codec + " codec takes no spec, got '" + spec + "'");
        }
    }
}
