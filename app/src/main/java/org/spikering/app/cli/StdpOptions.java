package org.spikering.app.cli;

import java.nio.file.Path;
import org.spikering.hw.fixedpoint.Rounding;
import org.spikering.hw.learning.LoihiLearningArithmetic;
import org.spikering.plasticity.stdp.FloatArithmetic;
import org.spikering.plasticity.stdp.LearningArithmetic;
import picocli.CommandLine.Option;

/** The options every {@code spikering stdp} command shares: precision, rounding, seed, output folder. */
final class StdpOptions {

    @Option(names = "--precision", defaultValue = "float", description = "float (double precision) or loihi (7-bit"
            + " traces, 16-bit change accumulator with 7 fractional bits, 8-bit weights, Lava's semantics)."
            + " Default: ${DEFAULT-VALUE}")
    String precision;

    @Option(names = "--rounding", defaultValue = "stochastic", description = "rounding of traces and weights with"
            + " --precision loihi: stochastic (Loihi's), nearest or truncate. Default: ${DEFAULT-VALUE}")
    String rounding;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the inputs and of stochastic rounding."
            + " Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", description = "output folder, replaced as a whole (default: spikering-out/stdp-<command>)")
    Path out;

    /** Checks the options; call before any work. */
    void check() {
        Check.choice("--precision", precision, "float", "loihi");
        Check.choice("--rounding", rounding, "stochastic", "nearest", "truncate");
        if (out != null) {
            Check.outputFolder("--out", out);
        }
    }

    boolean loihi() {
        return "loihi".equals(precision);
    }

    /** @return the arithmetic, its stochastic stream seeded with {@code streamSeed}. */
    LearningArithmetic arithmetic(final long streamSeed) {
        return loihi() ? new LoihiLearningArithmetic(Rounding.parse(rounding), streamSeed) : FloatArithmetic.INSTANCE;
    }

    Path folder(final String command) {
        return out != null ? out : Path.of("spikering-out", "stdp-" + command);
    }

    /** @return a description of the precision for the summary. */
    String describe() {
        return loihi() ? "loihi fixed point, " + rounding + " rounding" : "float (double)";
    }
}
