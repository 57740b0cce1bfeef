package org.spikering.sim;

/** Which implementation runs the step phases. */
public enum Engine {
    /** The Disruptor pipeline: coordinator thread plus one delivery thread per partition. */
    DISRUPTOR,
    /** Everything in the calling thread, no Disruptor (the reference path). */
    REFERENCE
}
