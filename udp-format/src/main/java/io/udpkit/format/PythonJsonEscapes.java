package io.udpkit.format;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Escapes strings exactly as CPython's {@code json.dumps} does with its default
 * {@code ensure_ascii=True}: output is pure printable ASCII; {@code \n \r \t \b \f} use their short
 * forms, every other character outside {@code ' '..'~'} becomes {@code \}{@code uXXXX} with
 * lower-case hex (Jackson's own escapes are upper-case and leave DEL and non-ASCII alone).
 */
final class PythonJsonEscapes extends CharacterEscapes {

    private static final long serialVersionUID = 1L;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final int[] asciiEscapes;

    PythonJsonEscapes() {
        int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();
        for (int c = 0; c < 0x20; c++) {
            escapes[c] = CharacterEscapes.ESCAPE_CUSTOM;
        }
        escapes[0x7f] = CharacterEscapes.ESCAPE_CUSTOM;
        this.asciiEscapes = escapes;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return asciiEscapes.clone();
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        switch (ch) {
            case '\n':
                return new SerializedString("\\n");
            case '\r':
                return new SerializedString("\\r");
            case '\t':
                return new SerializedString("\\t");
            case '\b':
                return new SerializedString("\\b");
            case '\f':
                return new SerializedString("\\f");
            default:
                char[] escape = {'\\', 'u', HEX[(ch >> 12) & 0xf], HEX[(ch >> 8) & 0xf],
                                 HEX[(ch >> 4) & 0xf], HEX[ch & 0xf]};
                return new SerializedString(new String(escape));
        }
    }
}
