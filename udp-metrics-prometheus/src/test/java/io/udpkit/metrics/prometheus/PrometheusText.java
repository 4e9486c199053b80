package io.udpkit.metrics.prometheus;

import java.util.HashMap;
import java.util.Map;

/**
 * A reader of the Prometheus text format (0.0.4) for tests: every sample line's series
 * ({@code name} or {@code name{labels}}, as written) and value, and every {@code # TYPE} line.
 * Independent of the client library, so a test checks what a scraper would read.
 */
final class PrometheusText {

    final Map<String, Double> samples = new HashMap<>();
    final Map<String, String> types = new HashMap<>();

    private PrometheusText() {
    }

    static PrometheusText parse(String body) {
        PrometheusText text = new PrometheusText();
        for (String line : body.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring("# TYPE ".length()).split(" ");
                text.types.put(parts[0], parts[1]);
            } else if (!line.startsWith("#")) {
                // A label value may hold spaces, so the value is what follows the last space
                // (there is no timestamp in what the client writes).
                int space = line.lastIndexOf(' ');
                String series = canonical(line.substring(0, space));
                if (text.samples.put(series, parseValue(line.substring(space + 1))) != null) {
                    throw new AssertionError("series twice: " + series);
                }
            }
        }
        return text;
    }

    /** {@code name{b="2",a="1"}} as {@code name{a="1",b="2"}}; values must hold no {@code ",}. */
    static String canonical(String series) {
        int brace = series.indexOf('{');
        if (brace < 0) {
            return series;
        }
        String[] labels = series.substring(brace + 1, series.length() - 1).split(",(?=[a-zA-Z_]+=\")");
        java.util.Arrays.sort(labels);
        return series.substring(0, brace) + "{" + String.join(",", labels) + "}";
    }

    private static double parseValue(String value) {
        switch (value) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                return Double.parseDouble(value);
        }
    }

    /** The value of a series that must be present (labels in any order). */
    double value(String series) {
        Double value = samples.get(canonical(series));
        if (value == null) {
            throw new AssertionError("no series " + series + " in " + samples.keySet());
        }
        return value;
    }

    /** Whether some series has this metric name (with or without labels). */
    boolean hasMetric(String name) {
        return samples.keySet().stream().anyMatch(s -> s.equals(name) || s.startsWith(name + "{"));
    }
}
