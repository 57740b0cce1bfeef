package org.spikering.app.cli;

import org.spikering.app.spec.Spec;
import org.spikering.app.sweep.SpecRunner;

/** TEMPORARY until SpecRunners lands from the runners branch: the runner of a sweep point's spec. */
final class SweepRunnerChoice {

    private SweepRunnerChoice() {
    }

    static SpecRunner of(final Spec spec) {
        throw new IllegalArgumentException(spec.source() + ": sweep: no runner in this build yet (SpecRunners pending)");
    }
}
