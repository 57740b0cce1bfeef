package org.spikering.spark;

/** Placeholder until the sweep API lands. */
public final class SparkSweep {
    private SparkSweep() {}

    public static void main(String[] args) {
        System.out.println("spikering-spark");
    }
}
