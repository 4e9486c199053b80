package io.udpkit.examples;

/**
 * A sensor reading, the value type of the custom {@code reading} codec.
 *
 * @param sensor the sensor's name, without {@code =}
 * @param value  the measured value
 */
public record Reading(String sensor, double value) {
}
