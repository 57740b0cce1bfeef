package org.spikering.app.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken reservoir specs: each is answered with exit code 2 and a line per problem that names the field path (a
 * value of the wrong type for an enum gets two, both naming it),
 * shows the value and says what is allowed, before anything runs (no result folder, nothing in the working
 * directory's spikering-out).
 */
final class ReservoirBadSpecTest {

    @TempDir
    Path dir;

    /** {section body (indented under reservoir:), the expected problem line after "FILE: "}. */
    private static final String[][] TABLE = {
        {"benchmark: narmaa", "reservoir.benchmark: 'narmaa', must be one of mc, narma, mackey-glass, bits, lsm, scaling, force"
            + " (did you mean 'narma'?)"},
        {"size: 20", "reservoir.benchmark: missing, required"},
        {"benchmark: 7", "reservoir.benchmark: 7, must be one of mc, narma"}, // and a second line: must be a string
        {"benchmark: mc\n  spectral_raduis: 0.9", "reservoir.spectral_raduis: unknown field; did you mean 'spectral_radius'?"},
        {"benchmark: narma\n  ridge: 0.1", "reservoir.ridge: 0.1, is not a field of benchmark narma; its fields: benchmark,"
            + " size, spectral_radius, connectivity, input_scaling, leak_rate, activation, topology, length_steps,"
            + " washout_steps, test_steps"},                                                  // a field of mc only
        {"benchmark: mc\n  kind: esn", "reservoir.kind: 'esn', is not a field of benchmark mc"}, // of bits and scaling
        {"benchmark: mc\n  size: '200'", "reservoir.size: '200', must be an integer"},
        {"benchmark: mc\n  size: 20.5", "reservoir.size: 20.5, must be an integer"},
        {"benchmark: mc\n  size: 0", "reservoir.size: 0, must be >= 1"},
        {"benchmark: mc\n  connectivity: 0", "reservoir.connectivity: 0, must be > 0"},
        {"benchmark: mc\n  leak_rate: 1.5", "reservoir.leak_rate: 1.5, must be <= 1"},
        {"benchmark: mc\n  activation: relu", "reservoir.activation: 'relu', must be one of tanh, linear"},
        {"benchmark: mc\n  activation: linear\n  spectral_radius: 1.2", "reservoir.spectral_radius: 1.2, a linear reservoir"
            + " is unstable here"},
        {"benchmark: mc\n  size: 100\n  test_steps: 150", "reservoir.test_steps: 150, must be more than the 2 size + 2 = 202"
            + " delays measured for reservoir.size = 100"},
        {"benchmark: narma\n  length_steps: 1000", "reservoir.test_steps: 2000, must be <= length_steps - 10 = 990"},
        {"benchmark: narma\n  length_steps: 3000\n  washout_steps: 1000", "reservoir.washout_steps: 1000, must be <="
            + " length_steps - test_steps - 10 = 990"},
        {"benchmark: lsm\n  sample_ms: '30 ms'", "reservoir.sample_ms: '30 ms', must be a number (the unit, ms, is in the"
            + " field name: write the number alone)"},
        {"benchmark: lsm\n  samples: 40", "reservoir.samples: 40, must be >= 53: a washout of 20 + delays"},
        {"benchmark: lsm\n  size: 9", "reservoir.size: 9, must be >= 10"},
        {"benchmark: lsm\n  random_connectivity: 'yes'", "reservoir.random_connectivity: 'yes', must be a boolean"},
        {"benchmark: bits\n  kind: lsm\n  size: 5", "reservoir.size: 5, must be >= 10"},
        {"benchmark: bits\n  kind: snn", "reservoir.kind: 'snn', must be one of esn, lsm"},
        {"benchmark: bits\n  delay_samples: 200", "reservoir.samples: 3000, must be >= max(500, 20 (delay_samples + 16)) = 4320"},
        {"benchmark: bits\n  gain: 0", "reservoir.gain: 0, must be > 0"},
        {"benchmark: scaling\n  sizes: [50, 50]", "reservoir.sizes: [50,50], items must be distinct"},
        {"benchmark: scaling\n  kind: lsm\n  sizes: [5]", "reservoir.sizes[0]: 5, must be >= 10"},
        {"benchmark: scaling\n  gains: []", "reservoir.gains: 0 items, must have at least 1"},
        {"benchmark: scaling\n  seeds: 0", "reservoir.seeds: 0, must be >= 1"},
    };

    @Test
    void everyBrokenSpecNamesItsFieldAndNothingRuns() throws Exception {
        final List<String> failures = new ArrayList<>();
        final Path cwdOut = Path.of("spikering-out");
        final boolean cwdOutBefore = Files.exists(cwdOut);
        int k = 0;
        for (String[] row : TABLE) {
            final Path spec = dir.resolve("bad" + k++ + ".yaml");
            Files.writeString(spec, "spikering: 1\nreservoir:\n  " + row[0] + "\noutput:\n  folder: out" + k + "\n");
            final ReservoirSpecRunTest.Ran r = ReservoirSpecRunTest.run("reservoir", spec.toString());
            final List<String> lines = r.err().lines().toList();
            final String expected = "spikering reservoir: error: " + spec + ": " + row[1];
            final String field = row[1].substring(0, row[1].indexOf(':'));
            if (r.code() != 2 || lines.isEmpty() || !lines.get(0).startsWith(expected) || !r.out().isEmpty()
                    || !lines.stream().allMatch(l -> l.contains(spec + ": " + field + ":"))
                    || Files.exists(dir.resolve("out" + k))) {
                failures.add(row[0].replace("\n", "; ") + " -> exit " + r.code() + ", stdout '" + r.out() + "', stderr "
                        + lines + "; expected a line starting " + expected);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(cwdOutBefore, Files.exists(cwdOut));
    }

    @Test
    void everyProblemOfAFileIsReportedOnItsOwnLine() throws Exception {
        final Path spec = Files.writeString(dir.resolve("three.yaml"), "spikering: 1\nreservoir:\n  benchmark: mc\n"
                + "  size: 0\n  ridge: -1\n  topolgy: gaussian\n");
        final ReservoirSpecRunTest.Ran r = ReservoirSpecRunTest.run("reservoir", spec.toString());
        assertEquals(2, r.code());
        assertEquals(3, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(": reservoir.topolgy: unknown field; did you mean 'topology'?"), r.err());
    }

    @Test
    void anOptionOrSetThatBreaksAFieldIsNamed() {
        ReservoirSpecRunTest.Ran r = ReservoirSpecRunTest.run("reservoir", "lsm", "--delays", "1000", "--out",
                dir.resolve("o").toString());
        assertEquals(2, r.code());
        // 1373 - floor(1373 / 4) = 1030 = 30 + delays, and 1372 - 343 = 1029 is one short
        assertEquals("spikering reservoir lsm: error: example:reservoir-lsm: reservoir.samples (--samples): 400, must be >= 1373: a washout"
                + " of 20 + delays, at least 10 for training and a quarter held out, for reservoir.delays = 1000 (see 'spikering help"
                + " reservoir lsm')", r.err().strip());
        r = ReservoirSpecRunTest.run("reservoir", "mc", "--set", "reservoir.size=0", "--out", dir.resolve("o").toString());
        assertEquals("spikering reservoir mc: error: example:reservoir-mc: reservoir.size: 0, must be >= 1 (from --set"
                + " reservoir.size=0) (see 'spikering help reservoir mc')", r.err().strip());
        r = ReservoirSpecRunTest.run("reservoir", "scaling", "--kind", "lsm", "--sizes", "5,20", "--out", dir.resolve("o").toString());
        assertEquals("spikering reservoir scaling: error: example:reservoir-scaling: reservoir.sizes[0]: 5, must be >= 10"
                + " (from --sizes = '5,20') (see 'spikering help reservoir scaling')", r.err().strip());
        assertTrue(!Files.exists(dir.resolve("o")));
    }
}
