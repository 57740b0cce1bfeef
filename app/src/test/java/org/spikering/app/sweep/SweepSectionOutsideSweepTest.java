package org.spikering.app.sweep;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.network.BrokenSpecRuns;

/**
 * {@code train}, {@code run} and {@code reservoir} run one spec: given a spec with a sweep section they refuse it in one
 * line pointing to {@code spikering sweep}, before any work and without writing a file, rather than run its base and
 * leave the axes out unsaid.
 */
final class SweepSectionOutsideSweepTest {

    @TempDir
    Path tmp;

    private static final String SWEEP = "spikering: 1\nsweep:\n  seeds: 2\n";

    private static String[][] oneCase(final String command) {
        return new String[][] {{"spikering: 1\n", SWEEP, "sweep: present; '" + command + "' runs one spec, this one describes"
                + " a sweep: run every point with 'spikering sweep TMP/case0.yaml', or leave the section out to run"
                + " the base once"}};
    }

    @Test
    void trainRunAndReservoirRefuseASweepSpec() throws Exception {
        for (String[] commandAndExample : new String[][] {{"train", "evidence"}, {"run", "cuba"}, {"reservoir", "reservoir-mc"}}) {
            final Path dir = java.nio.file.Files.createDirectories(tmp.resolve(commandAndExample[0]));
            BrokenSpecRuns.assertEveryCaseRejected(dir, Examples.text(commandAndExample[1]), oneCase(commandAndExample[0]),
                    commandAndExample[0]);
        }
    }
}
