package io.udpkit.cli;

import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Number options in ASCII digits only. The JDK's {@link Integer#parseInt} reads any Unicode
 * decimal digit, so {@code --port ٣} (Arabic-Indic three) meant port 3 and {@code --port ０}
 * (fullwidth zero) port 0: an argument that looks like text must not become a number. These
 * converters accept an optional sign and the digits 0-9 (and, for fractions, one point and an
 * exponent), nothing else, and are registered on every launcher's command line by
 * {@link CliErrors#commandLine}.
 */
final class AsciiNumbers {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private AsciiNumbers() {
    }

    /**
     * Registers the converters for {@code int}, {@code long} and {@code double} options (boxed
     * or not) on {@code commandLine} and its subcommands.
     *
     * @param commandLine the launcher's command line, with its subcommands already added
     * @return {@code commandLine}
     */
    static CommandLine register(CommandLine commandLine) {
        ITypeConverter<Integer> ints = AsciiNumbers::parseInt;
        ITypeConverter<Long> longs = AsciiNumbers::parseLong;
        ITypeConverter<Double> doubles = AsciiNumbers::parseDouble;
        return commandLine
                .registerConverter(Integer.class, ints).registerConverter(int.class, ints)
                .registerConverter(Long.class, longs).registerConverter(long.class, longs)
                .registerConverter(Double.class, doubles).registerConverter(double.class, doubles);
    }

    static int parseInt(String text) {
        long value = parseLong(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new TypeConversionException("'" + text + "' is out of range for an integer");
        }
        return (int) value;
    }

    static long parseLong(String text) {
        if (!INTEGER.matcher(text).matches()) {
            throw new TypeConversionException("'" + text
                    + "' is not a whole number in ASCII digits 0-9");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is out of range for an integer");
        }
    }

    static double parseDouble(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new TypeConversionException("'" + text
                    + "' is not a decimal number in ASCII digits 0-9");
        }
        return Double.parseDouble(text);
    }
}
