package io.udpkit.codec.struct;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Parses a struct format string into a {@link Layout} following CPython 3.11's grammar: an
 * optional byte-order character first, then items of an optional decimal repeat count directly
 * followed by a format code; whitespace may separate items but not a count from its code.
 */
final class FormatParser {

    /** The largest total size we accept; the largest array a JVM reliably allocates. */
    static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    private static final String TOO_LONG = "total struct size too long";

    private FormatParser() {
    }

    static Layout parse(String format) {
        int length = format.length();
        int pos = 0;
        char order = '@';
        if (length > 0 && "@=<>!".indexOf(format.charAt(0)) >= 0) {
            order = format.charAt(0);
            pos = 1;
        }
        boolean nativeTable = order == '@';
        boolean bigEndian = order == '>' || order == '!'
                || (order != '<' && ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN);

        int capacity = Math.max(4, length);
        byte[] kind = new byte[capacity];
        char[] code = new char[capacity];
        int[] offset = new int[capacity];
        int[] itemSize = new int[capacity];
        int[] repeat = new int[capacity];
        IntegerRule[] rule = new IntegerRule[capacity];
        int runs = 0;
        long size = 0;
        long values = 0;

        while (pos < length) {
            char c = format.charAt(pos++);
            if (isSpace(c)) {
                continue;
            }
            long count = 1;
            if (c >= '0' && c <= '9') {
                count = c - '0';
                while (pos < length && (c = format.charAt(pos)) >= '0' && c <= '9') {
                    pos++;
                    if (count > (Long.MAX_VALUE - (c - '0')) / 10) {
                        throw new StructException(TOO_LONG);
                    }
                    count = count * 10 + (c - '0');
                }
                if (pos == length) {
                    throw new StructException("repeat count given without format specifier");
                }
                c = format.charAt(pos++);
            }
            int codeIndex = pos - 1;
            byte itemKind = kindOf(c, nativeTable);
            int unit = sizeOf(c, nativeTable);
            if (unit == 0) {
                throw new StructException("bad char in struct format: '" + printable(c)
                        + "' at index " + codeIndex);
            }
            if (nativeTable) {
                // CPython aligns each item (even with count 0) to its own size; never the end.
                size = (size + unit - 1) / unit * unit;
            }
            if (count > (MAX_SIZE - size) / unit) {
                throw new StructException(TOO_LONG);
            }
            if (c == 'x') {
                size += count;
                continue;
            }
            boolean bytesField = c == 's' || c == 'p';
            if (!bytesField && count == 0) {
                continue;
            }
            values += bytesField ? 1 : count;
            if (values > MAX_SIZE) {
                throw new StructException(TOO_LONG);
            }
            kind[runs] = itemKind;
            code[runs] = c;
            offset[runs] = (int) size;
            itemSize[runs] = bytesField ? (int) count : unit;
            repeat[runs] = bytesField ? 1 : (int) count;
            if (c != 'e' && c != 'f' && c != 'd' && c != '?' && c != 'c' && !bytesField) {
                rule[runs] = IntegerRule.forCode(order, c, unit);
            }
            runs++;
            size += count * unit;
        }
        return new Layout(format, bigEndian, nativeTable, (int) size, runs,
                Arrays.copyOf(kind, runs), Arrays.copyOf(code, runs), Arrays.copyOf(offset, runs),
                Arrays.copyOf(itemSize, runs), Arrays.copyOf(repeat, runs),
                Arrays.copyOf(rule, runs));
    }

    /** CPython's {@code Py_ISSPACE}: the six ASCII whitespace characters. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f';
    }

    private static String printable(char c) {
        if (c >= 0x20 && c < 0x7f) {
            return String.valueOf(c);
        }
        return String.format("\\u%04x", (int) c);
    }

    /** Bytes per item of code {@code c}, or 0 when {@code c} is not a code in this table. */
    private static int sizeOf(char c, boolean nativeTable) {
        switch (c) {
            case 'x': case 'c': case 'b': case 'B': case '?': case 's': case 'p':
                return 1;
            case 'h': case 'H': case 'e':
                return 2;
            case 'i': case 'I': case 'f':
                return 4;
            case 'q': case 'Q': case 'd':
                return 8;
            case 'l': case 'L':
                return nativeTable ? 8 : 4;
            case 'n': case 'N': case 'P':
                return nativeTable ? 8 : 0;
            default:
                return 0;
        }
    }

    private static byte kindOf(char c, boolean nativeTable) {
        switch (c) {
            case '?': return Layout.BOOL;
            case 'b': return Layout.INT8;
            case 'B': return Layout.UINT8;
            case 'h': return Layout.INT16;
            case 'H': return Layout.UINT16;
            case 'i': return Layout.INT32;
            case 'I': return Layout.UINT32;
            case 'l': return nativeTable ? Layout.INT64 : Layout.INT32;
            case 'L': return nativeTable ? Layout.UINT64 : Layout.UINT32;
            case 'q': case 'n': return Layout.INT64;
            case 'Q': case 'N': case 'P': return Layout.UINT64;
            case 'e': return Layout.HALF;
            case 'f': return Layout.FLOAT;
            case 'd': return Layout.DOUBLE;
            case 'c': return Layout.CHAR;
            case 's': return Layout.STRING;
            case 'p': return Layout.PASCAL;
            default: return 0;
        }
    }
}
