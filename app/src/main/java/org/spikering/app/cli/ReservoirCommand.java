package org.spikering.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.report.Json;
import org.spikering.app.reservoir.ScalingSweep;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.OutputSpec;
import org.spikering.app.spec.ReservoirSpec;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.reservoir.Benchmark;
import org.spikering.app.sweep.ProgressStarter;
import org.spikering.app.sweep.ReservoirSpecRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spikering reservoir ...}: reservoir benchmarks and the scaling study, each described by a spec's
 * {@code reservoir} section ({@link ReservoirSpec}); each prints one JSON line. {@code reservoir SPEC} runs the
 * benchmark a spec names; {@code reservoir mc [SPEC]} (and narma, mackey-glass, lsm, bits, scaling) runs SPEC or, without
 * one, the shipped example {@code examples/reservoir-<benchmark>.yaml}, which holds the defaults (the help shows them);
 * each option overrides one field, {@code --set FIELD=VALUE} any.
 */
@Command(name = "reservoir", mixinStandardHelpOptions = true,
        description = {"Reservoir computing benchmarks (ESN and LSM) and the size/gain scaling study.",
            "'spikering reservoir SPEC' runs the benchmark of a spec file (section 'reservoir'); each sub-command runs its"
                + " shipped example (spikering spec show reservoir-mc) or a SPEC of its benchmark, options overriding fields."},
        subcommands = {ReservoirCommand.Mc.class, ReservoirCommand.Narma.class, ReservoirCommand.MackeyGlassCmd.class,
            ReservoirCommand.Lsm.class, ReservoirCommand.Binary.class, ReservoirCommand.Scaling.class,
            ReservoirCommand.Force.class})
public final class ReservoirCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC",
            description = "a spec file (YAML or JSON) with a 'reservoir' section, or a shipped example's name")
    String file;

    @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "override one field, e.g. reservoir.size=400 (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", description = "with SPEC: output folder, output.folder (default spikering-out/reservoir/<benchmark>);"
            + " replaced as a whole when the run completes (a new, empty or earlier result folder)")
    Path out;

    @Option(names = "--seed", description = "with SPEC: seed, any integer (the spec's seed field)")
    Long seed;

    @picocli.CommandLine.Spec
    CommandSpec self;

    @Override
    public Integer call() {
        if (file == null) {
            throw new IllegalArgumentException("a sub-command must follow: mc, narma, mackey-glass, lsm, bits or scaling; or a"
                    + " SPEC file with a 'reservoir' section");
        }
        final SpecOptions options = new SpecOptions(self.commandLine().getParseResult(),
                Map.of("--out", "output.folder", "--seed", "seed"));
        return run(load(file, null, options, sets), options);
    }

    /**
     * @param file      SPEC as given, or null for the shipped example of {@code benchmark}.
     * @param benchmark the sub-command's benchmark, or null (any).
     * @param options   the command line's overrides.
     * @param sets      the {@code --set} assignments.
     * @return the spec, with a {@code reservoir} section of that benchmark.
     */
    static Spec load(final String file, final Benchmark benchmark, final SpecOptions options, final List<String> sets) {
        final Spec spec = options.load(file != null ? file : benchmark.example(), sets);
        if (!spec.has(ReservoirSpec.PATH)) {
            throw new IllegalArgumentException("SPEC = '" + file + "': reservoir: missing; must have a 'reservoir' section to run"
                    + " with 'spikering reservoir' ('spikering spec show reservoir-mc' is one)");
        }
        final Benchmark b = spec.section(ReservoirSpec.PATH, ReservoirSpec.class).benchmark();
        if (benchmark != null && b != benchmark) {
            throw new IllegalArgumentException("SPEC = '" + file + "': reservoir.benchmark = '" + b.specName() + "': must be '"
                    + benchmark.specName() + "' for 'spikering reservoir " + benchmark.specName() + "' (run it with 'spikering"
                    + " reservoir " + file + "')");
        }
        return spec;
    }

    /**
     * Runs the spec's benchmark into output.folder (or the benchmark's default) and prints its JSON line.
     *
     * @param spec    a valid spec with a {@code reservoir} section.
     * @param options the options that set its fields (for messages).
     * @return exit code 0.
     */
    static int run(final Spec spec, final SpecOptions options) {
        final OutputSpec o = spec.section("output", OutputSpec.class);
        final Path out = o != null && o.folder() != null ? spec.resolve(o.folder()) : ReservoirSpecRunner.defaultFolder(spec);
        if (spec.section(ReservoirSpec.PATH, ReservoirSpec.class).benchmark() == Benchmark.SCALING) {
            // a grid of runs: a sweep of one-run scaling specs
            ReservoirSpecRunner.checkScalingMemory(spec, options);
            Check.outputFolder(options.name("output.folder"), out);
            final ScalingSweep.Result r = ScalingSweep.run(spec, out, options.name("output.folder"),
                    ProgressStarter.on(System.err));
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("study", "scaling_" + spec.section(ReservoirSpec.PATH, ReservoirSpec.class).kind());
            m.put("rows", r.table().rows().size());
            m.put("table", out.resolve("scaling.csv").toString());
            System.out.println(Json.oneLine(m));
            return 0;
        }
        final ReservoirSpecRunner runner = new ReservoirSpecRunner();
        runner.check(spec, options);
        Check.outputFolder(options.name("output.folder"), out);
        System.out.println(Json.oneLine(runner.run(spec, out, options, ProgressStarter.on(System.err))));
        return 0;
    }

    /**
     * Gives each option the default of the field it sets, read from the sub-command's shipped example with every
     * default filled in: the help's defaults are the file's.
     */
    static final class ExampleDefaults implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(final ArgSpec arg) {
            if (!(arg instanceof OptionSpec o) || !(arg.command().userObject() instanceof Sub sub)) {
                return null;
            }
            final String field = sub.fields().get(o.longestName());
            if (field == null) {
                return null;
            }
            final com.fasterxml.jackson.databind.JsonNode v = Examples.load(sub.benchmark().example(), List.of()).tree()
                    .at("/" + field.replace('.', '/'));
            if (v.isMissingNode() || v.isNull()) {
                return null;
            }
            if (v.isArray()) {
                final List<String> parts = new ArrayList<>();
                v.forEach(e -> parts.add(e.asText()));
                return String.join(",", parts);
            }
            return v.asText();
        }
    }

    /** A benchmark's sub-command: runs SPEC or the benchmark's shipped example, options overriding fields. */
    abstract static class Sub implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "a spec file (YAML or JSON) of this"
                + " benchmark or a shipped example's name (default: the benchmark's example, 'spikering spec show"
                + " reservoir-<benchmark>')")
        String file;

        @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "override one field of the spec, e.g."
                + " reservoir.size=400 (repeatable; the options below override after it)")
        List<String> sets = new ArrayList<>();

        @Option(names = "--out", description = "output folder, output.folder (default spikering-out/reservoir/<benchmark>);"
                + " replaced as a whole when the run completes (a new, empty or earlier result folder)")
        Path out;

        @picocli.CommandLine.Spec
        CommandSpec self;

        /** @return the benchmark. */
        abstract Benchmark benchmark();

        /** @return option name → the spec field it sets. */
        abstract Map<String, String> fields();

        @Override
        public Integer call() {
                final SpecOptions options = new SpecOptions(self.commandLine().getParseResult(), fields());
            return run(load(file, benchmark(), options, sets), options);
        }
    }

    /** Options → fields of the ESN benchmarks. */
    private static Map<String, String> esnFields(final String... more) {
        final Map<String, String> m = new LinkedHashMap<>();
        m.put("--size", "reservoir.size");
        m.put("--spectral-radius", "reservoir.spectral_radius");
        m.put("--connectivity", "reservoir.connectivity");
        m.put("--input-scaling", "reservoir.input_scaling");
        m.put("--leak", "reservoir.leak_rate");
        m.put("--activation", "reservoir.activation");
        m.put("--topology", "reservoir.topology");
        m.put("--seed", "seed");
        m.put("--out", "output.folder");
        for (int k = 0; k < more.length; k += 2) {
            m.put(more[k], more[k + 1]);
        }
        return m;
    }

    /** The ESN options of mc, narma and mackey-glass. */
    abstract static class EsnSub extends Sub {
        @Option(names = "--size", description = "reservoir.size: units N, in [1, 100000] and fitting the memory (default ${DEFAULT-VALUE})")
        Integer size;
        @Option(names = "--spectral-radius", description = "reservoir.spectral_radius: rho(W), in (0, 100]; a linear reservoir"
                + " needs the update's radius <= 1 (default ${DEFAULT-VALUE})")
        Double rho;
        @Option(names = "--connectivity", description = "reservoir.connectivity: density of W, in (0, 1] (default ${DEFAULT-VALUE})")
        Double connectivity;
        @Option(names = "--input-scaling", description = "reservoir.input_scaling: W_in in [-s, s], s in (0, 1000] (0 would"
                + " leave the reservoir without input) (default ${DEFAULT-VALUE})")
        Double inputScaling;
        @Option(names = "--leak", description = "reservoir.leak_rate: leak rate, in (0, 1] (default ${DEFAULT-VALUE})")
        Double leak;
        @Option(names = "--activation", description = "reservoir.activation: tanh or linear (default ${DEFAULT-VALUE})")
        String activation;
        @Option(names = "--topology", description = "reservoir.topology: gaussian or orthogonal (default ${DEFAULT-VALUE})")
        String topology;
        @Option(names = "--seed", description = "seed: any integer (default ${DEFAULT-VALUE})")
        Long seed;
    }

    /** Memory capacity. */
    @Command(name = "mc", mixinStandardHelpOptions = true, defaultValueProvider = ExampleDefaults.class,
            description = "Memory capacity (Jaeger 2001) of an ESN (examples/reservoir-mc.yaml).")
    static final class Mc extends EsnSub {
        @Option(names = "--washout", description = "reservoir.washout_steps: steps, >= 0 (default ${DEFAULT-VALUE})")
        Integer washout;
        @Option(names = "--train", description = "reservoir.train_steps: training steps, >= 1 (default ${DEFAULT-VALUE})")
        Integer train;
        @Option(names = "--test", description = "reservoir.test_steps: held-out steps, more than the 2N delays + 2"
                + " (default ${DEFAULT-VALUE})")
        Integer test;
        @Option(names = "--ridge", description = "reservoir.ridge: ridge regularisation lambda, in [0, 1e6] (default ${DEFAULT-VALUE})")
        Double ridge;

        @Override
        Benchmark benchmark() {
            return Benchmark.MC;
        }

        @Override
        Map<String, String> fields() {
            return esnFields("--washout", "reservoir.washout_steps", "--train", "reservoir.train_steps",
                    "--test", "reservoir.test_steps", "--ridge", "reservoir.ridge");
        }
    }

    /** NARMA-10. */
    @Command(name = "narma", mixinStandardHelpOptions = true, defaultValueProvider = ExampleDefaults.class,
            description = "NARMA-10 one-step prediction, test NRMSE (examples/reservoir-narma.yaml).")
    static final class Narma extends EsnSub {
        @Option(names = "--length", description = "reservoir.length_steps: steps of data, at least washout + test + 10"
                + " (default ${DEFAULT-VALUE})")
        Integer length;
        @Option(names = "--washout", description = "reservoir.washout_steps: steps, >= 0 (default ${DEFAULT-VALUE})")
        Integer washout;
        @Option(names = "--test", description = "reservoir.test_steps: held-out steps, >= 2 (default ${DEFAULT-VALUE})")
        Integer test;

        @Override
        Benchmark benchmark() {
            return Benchmark.NARMA;
        }

        @Override
        Map<String, String> fields() {
            return esnFields("--length", "reservoir.length_steps", "--washout", "reservoir.washout_steps",
                    "--test", "reservoir.test_steps");
        }
    }

    /** Mackey–Glass. */
    @Command(name = "mackey-glass", mixinStandardHelpOptions = true, defaultValueProvider = ExampleDefaults.class,
            description = "Mackey-Glass (tau 17) one-step prediction (examples/reservoir-mackey-glass.yaml).")
    static final class MackeyGlassCmd extends EsnSub {
        @Override
        Benchmark benchmark() {
            return Benchmark.MACKEY_GLASS;
        }

        @Override
        Map<String, String> fields() {
            return esnFields();
        }
    }

    /** FORCE learning. */
    @Command(name = "force", mixinStandardHelpOptions = true, defaultValueProvider = ExampleDefaults.class,
            description = "FORCE learning (Sussillo & Abbott 2009): a chaotic rate network with its readout fed back learns"
                    + " a periodic target by RLS with the loop closed, then runs free (examples/reservoir-force.yaml).")
    static final class Force extends Sub {
        @Option(names = "--size", description = "reservoir.size: rate units N, in [2, 20000] and fitting the memory (default ${DEFAULT-VALUE})")
        Integer size;
        @Option(names = "--gain", description = "reservoir.gain: g, in [0, 100]; > 1 is chaotic without feedback (default ${DEFAULT-VALUE})")
        Double gain;
        @Option(names = "--feedback", description = "reservoir.feedback: w_f in [-s, s], s in [0, 100] (default ${DEFAULT-VALUE})")
        Double feedback;
        @Option(names = "--alpha", description = "reservoir.alpha: RLS P0 = I / alpha, in (0, 1e6] (default ${DEFAULT-VALUE})")
        Double alpha;
        @Option(names = "--train-ms", description = "reservoir.train_ms: learning time with the loop closed, ms, in (0, 1e8] (default ${DEFAULT-VALUE})")
        Double trainMs;
        @Option(names = "--test-ms", description = "reservoir.test_ms: free-running time, ms, in (0, 1e8] (default ${DEFAULT-VALUE})")
        Double testMs;
        @Option(names = "--seed", description = "seed: any integer (default ${DEFAULT-VALUE})")
        Long seed;

        @Override
        Benchmark benchmark() {
            return Benchmark.FORCE;
        }

        @Override
        Map<String, String> fields() {
            final Map<String, String> m = new LinkedHashMap<>();
            m.put("--size", "reservoir.size");
            m.put("--gain", "reservoir.gain");
            m.put("--feedback", "reservoir.feedback");
            m.put("--alpha", "reservoir.alpha");
            m.put("--train-ms", "reservoir.train_ms");
            m.put("--test-ms", "reservoir.test_ms");
            m.put("--seed", "seed");
            m.put("--out", "output.folder");
            return m;
        }
    }

    /** Liquid state machine: memory capacity, perturbation separation, branching ratio. */
    @Command(name = "lsm", mixinStandardHelpOptions = true, defaultValueProvider = ExampleDefaults.class,
            description = "Liquid state machine: memory capacity, perturbation separation and branching ratio"
                    + " (examples/reservoir-lsm.yaml).")
    static final class Lsm extends Sub {
        @Option(names = "--size", description = "reservoir.size: column neurons, in [10, 100000] (default ${DEFAULT-VALUE})")
        Integer size;
        @Option(names = "--gain", description = "reservoir.gain: recurrent weight scale, in [0, 100] (default ${DEFAULT-VALUE})")
        Double gain;
        @Option(names = "--random", description = "reservoir.random_connectivity: distance-free random connectivity")
        Boolean random;
        @Option(names = "--samples", description = "reservoir.samples: input samples: a washout of 20 + delays, 10 for"
                + " training and a quarter held out (at least 53 for 10 delays) (default ${DEFAULT-VALUE})")
        Integer samples;
        @Option(names = "--sample-ms", description = "reservoir.sample_ms: duration of one input sample, ms, in [dt = 0.1,"
                + " 10000] (default ${DEFAULT-VALUE})")
        Double sampleMs;
        @Option(names = "--tau", description = "reservoir.tau_ms: low-pass filter of the spike features, ms, in (0, 10000]"
                + " (default ${DEFAULT-VALUE})")
        Double tauMs;
        @Option(names = "--delays", description = "reservoir.delays: memory-capacity delays in samples, in [1, 1000]"
                + " (default ${DEFAULT-VALUE})")
        Integer delays;
        @Option(names = "--seed", description = "seed: any integer (default ${DEFAULT-VALUE})")
        Long seed;

        @Override
        Benchmark benchmark() {
            return Benchmark.LSM;
        }

        @Override
        Map<String, String> fields() {
            return Map.of("--size", "reservoir.size", "--gain", "reservoir.gain", "--random", "reservoir.random_connectivity",
                    "--samples", "reservoir.samples", "--sample-ms", "reservoir.sample_ms", "--tau", "reservoir.tau_ms",
                    "--delays", "reservoir.delays", "--seed", "seed", "--out", "output.folder");
        }
    }

    /** Delayed XOR, parity and (4,6)-back on spike- or rate-encoded bits. */
    @Command(name = "bits", mixinStandardHelpOptions = true, defaultValueProvider = ExampleDefaults.class,
            description = "Delayed XOR, 3-bit parity and the (4,6)-back task on encoded bits (ESN or LSM;"
                    + " examples/reservoir-bits.yaml).")
    static final class Binary extends Sub {
        @Option(names = "--kind", description = "reservoir.kind: esn or lsm (default ${DEFAULT-VALUE})")
        String kind;
        @Option(names = "--size", description = "reservoir.size: reservoir size, in [1, 100000] (lsm: [10, 100000]; default"
                + " ${DEFAULT-VALUE} for esn, 135 for lsm)")
        Integer size;
        @Option(names = "--gain", description = "reservoir.gain: spectral radius (esn, in (0, 100], default ${DEFAULT-VALUE}) or"
                + " weight gain (lsm, in [0, 100], default 0.2)")
        Double gain;
        @Option(names = "--delay", description = "reservoir.delay_samples: delay d of XOR and tau of parity, in [1, 1000]"
                + " (default ${DEFAULT-VALUE}; 0 would ask for the current bits, which the state holds)")
        Integer delay;
        @Option(names = "--samples", description = "reservoir.samples: bits, at least 500 and 20 (delay + 16) (default"
                + " ${DEFAULT-VALUE} for esn, 1500 for lsm)")
        Integer samples;
        @Option(names = "--seed", description = "seed: any integer (default ${DEFAULT-VALUE})")
        Long seed;

        @Override
        Benchmark benchmark() {
            return Benchmark.BITS;
        }

        @Override
        Map<String, String> fields() {
            return Map.of("--kind", "reservoir.kind", "--size", "reservoir.size", "--gain", "reservoir.gain",
                    "--delay", "reservoir.delay_samples", "--samples", "reservoir.samples", "--seed", "seed",
                    "--out", "output.folder");
        }
    }

    /** The scaling study. */
    @Command(name = "scaling", mixinStandardHelpOptions = true, defaultValueProvider = ExampleDefaults.class,
            description = "Sweep size and gain over seeds; table and plots of performance, memory and Lyapunov exponent /"
                    + " separation (examples/reservoir-scaling.yaml). A sweep of one-run scaling specs (as many at a time as"
                    + " there are cores); default output folder: spikering-out/scaling, the sweep's folder with scaling.csv,"
                    + " the PNGs and scaling-sweep.yaml; a study killed half-way and started again with the same settings"
                    + " reuses its completed runs.")
    static final class Scaling extends Sub {
        @Option(names = "--kind", description = "reservoir.kind: esn or lsm (default ${DEFAULT-VALUE})")
        String kind;
        @Option(names = "--sizes", split = ",", description = "reservoir.sizes: sizes, each once, each in [1, 100000] (lsm:"
                + " [10, 100000]) (default esn ${DEFAULT-VALUE}; lsm 135,270,540)")
        List<Integer> sizes;
        @Option(names = "--gains", split = ",", description = "reservoir.gains: spectral radii (esn, each in (0, 100], default"
                + " ${DEFAULT-VALUE}) or weight gains (lsm, each in [0, 100], default 0.05,0.1,0.2,0.5,1), each once")
        List<Double> gains;
        @Option(names = "--seeds", description = "reservoir.seeds: seeds per point, in [1, 1000] (default ${DEFAULT-VALUE})")
        Integer seeds;

        @Override
        Benchmark benchmark() {
            return Benchmark.SCALING;
        }

        @Override
        Map<String, String> fields() {
            return Map.of("--kind", "reservoir.kind", "--sizes", "reservoir.sizes", "--gains", "reservoir.gains",
                    "--seeds", "reservoir.seeds", "--out", "output.folder");
        }
    }
}
