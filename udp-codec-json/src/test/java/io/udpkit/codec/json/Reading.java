package io.udpkit.codec.json;

import java.util.List;

/** A record with a nested record and a list of records, the shape the binding tests use. */
record Reading(long sequence, Sensor sensor, List<Sample> samples, boolean calibrated) {

    /** Where a reading came from. */
    record Sensor(String id, int channel) {
    }

    /** One timestamped value. */
    record Sample(long atMillis, double value) {
    }
}
