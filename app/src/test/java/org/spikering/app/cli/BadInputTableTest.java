package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.gradients.GradientsJson;
import org.spikering.app.gradients.GradientsRun;
import org.spikering.app.report.Json;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Drives every command and every option of {@code spikering} with bad values chosen by the option's type, read
 * from picocli's model (so a new option is covered when it is added): numbers get -1, 0, NaN, ±Infinity, 1e308,
 * 1e9 (integers), non-numbers and the empty string; text gets an unknown choice and blanks; lists get an empty
 * element, a duplicate and every bad number; input files get a missing file, a folder, a named pipe and
 * malformed content; output folders and files get '', a path under /proc, a path under a regular file. Each case
 * runs in-process in a fresh folder, with {@code --out} (and {@code --write-json}) pointed into it, and must end
 * with exit code 2, exactly one line on stderr that names the option, shows the value ({@link #namesValue}) and
 * points to {@code spikering help}, nothing on stdout and no file written. A value that is legal for an option is listed in {@link #LEGAL} with the reason.
 * Every bad value is rejected before any work, so the whole table takes seconds.
 */
final class BadInputTableTest {

    @TempDir
    Path tmp;

    private int caseNo;
    private Path pipe;
    private final List<String> failures = new ArrayList<>();
    private final TreeMap<Double, String> slowest = new TreeMap<>();
    /**
     * The command line the cases run on: building picocli's model of spikering takes 5 to 50 ms, so one is
     * built per command and reused; picocli resets every option to its initial value before each parse.
     */
    private CommandLine cli;
    private int cases;

    /** Numbers that no option may take unless listed in {@link #LEGAL}. */
    private static final List<String> BAD_NUMBERS = List.of("-1", "0", "NaN", "Infinity", "-Infinity", "1e308", "abc", "", " ");
    /** Integers only: a size far beyond any memory or run time. */
    private static final String HUGE_INT = "1000000000";

    /**
     * What is allowed: our checks say "must ..."; picocli's parser says what the type is ("is not an int",
     * "expected one of"), or that the option or value does not exist, and the pointer to the help lists them.
     */
    private static final java.util.regex.Pattern SAYS_WHAT_IS_ALLOWED = java.util.regex.Pattern.compile(
            "must |is not an? |expected one of|Unknown options?:|Missing required parameter|Unmatched arguments? ");

    /** "command option" → values that are legal, with the reason. */
    private static final Map<String, Set<String>> LEGAL = new TreeMap<>();

    static {
        for (String cmd : List.of("run", "bench", "train", "gradients", "reservoir", "reservoir mc", "reservoir narma",
                "reservoir mackey-glass", "reservoir lsm", "reservoir bits", "reservoir force")) {
            // a seed is any long: every value seeds the generator
            LEGAL.put(cmd + " --seed", Set.of("-1", "0", HUGE_INT));
        }
        LEGAL.put("train --weight-clip", Set.of("Infinity", "1e308")); // Infinity = no clipping (documented)
        LEGAL.put("reservoir mc --ridge", Set.of("0"));                  // ordinary least squares
        LEGAL.put("reservoir mc --washout", Set.of("0"));                // no washout
        LEGAL.put("reservoir narma --washout", Set.of("0"));             // no washout
        LEGAL.put("reservoir lsm --gain", Set.of("0"));                  // no recurrent weights: input-driven baseline
        LEGAL.put("reservoir force --gain", Set.of("0"));                // no recurrent weights: the readout alone
        LEGAL.put("reservoir force --feedback", Set.of("0"));            // the loop open: an ordinary reservoir
        LEGAL.put("bench --warmup", Set.of("0"));                        // no warm-up (the default)
        LEGAL.put("bench rate-rnn --warmup", Set.of("0"));               // no untimed iterations
        LEGAL.put("bench rate-rnn --seed", Set.of("-1", "0", HUGE_INT)); // any long seeds the pattern and weights
        LEGAL.put("bench rules --seed", Set.of("-1", "0", HUGE_INT));    // any long seeds weights, sequence, streams
        LEGAL.put("hw study --fractions", Set.of("0"));                  // nothing plastic: the untrained baseline
        LEGAL.put("nir run --synaptic-delay", Set.of("0"));              // no delay (the default)
        LEGAL.put("train --checkpoint-every", Set.of("0"));              // no checkpoints (documented)
        LEGAL.put("sweep --first-seed", Set.of("-1", "0", HUGE_INT));    // any long seeds the first run
        LEGAL.put("sweep --point", Set.of("0"));                         // the base sweep's one point
        LEGAL.put("analyze curvature --seed", Set.of("-1", "0", HUGE_INT)); // any long seeds batch and vectors
        LEGAL.put("analyze curvature --tolerance", Set.of("0"));          // run all --iterations (documented)
        LEGAL.put("analyze lyapunov --seed", Set.of("-1", "0", HUGE_INT)); // any long seeds input and vectors
        LEGAL.put("analyze lyapunov --warmup", Set.of("0"));              // count from the first step
        LEGAL.put("analyze lyapunov --distance-trials", Set.of("0"));     // no distance curve (documented)
        for (String cmd : List.of("stdp window", "stdp triplet", "stdp song", "stdp distal-reward")) {
            LEGAL.put(cmd + " --seed", Set.of("-1", "0", HUGE_INT));    // any long seeds inputs and rounding
        }
        LEGAL.put("stdp song --correlation", Set.of("0"));               // independent inputs
        LEGAL.put("stdp song --plastic-fraction", Set.of("0"));          // nothing learns: the frozen baseline
        LEGAL.put("sg --seed", Set.of("0"));                              // seeds 0, 1, ...
        LEGAL.put("sg --lambda", Set.of("0"));                            // plain synthetic gradients
        LEGAL.put("sg --lr-j", Set.of("0"));                              // J frozen at 0
        LEGAL.put("sg --gain", Set.of("0"));                              // W_rec starts at 0
    }

    /** A valid element of each list option without a default, to build duplicates. */
    private static final Map<String, String> LIST_SAMPLE = Map.ofEntries(
            Map.entry("nir run --record-v", "v"),
            Map.entry("bench --compare", "1"),
            Map.entry("reservoir scaling --sizes", "50"),
            Map.entry("reservoir scaling --gains", "0.5"),
            Map.entry("train --set", "seed=1"),
            Map.entry("nir export --set", "seed=1"),
            Map.entry("sweep --grid", "training.iterations=1"),
            Map.entry("hw study --fractions", "0.5"),
            Map.entry("hw study --bits", "4"),
            Map.entry("hw study --rounding", "nearest"),
            Map.entry("bench rate-rnn --rule", "bptt"),
            Map.entry("bench rules --rtrl-sizes", "16"));

    /** What an option names, when its type does not say it (a Path is an input file unless listed here). */
    enum Kind { OUTPUT_FOLDER, OUTPUT_FILE, INPUT_FILE, NUMBER }

    /** "command option" → kind, for options whose Java type (String, Path) does not tell. */
    private static final Map<String, Kind> KIND = Map.ofEntries(
            Map.entry("--out", Kind.OUTPUT_FOLDER),            // every command's, unless listed below
            Map.entry("--write-json", Kind.OUTPUT_FILE),
            Map.entry("nir export --out", Kind.OUTPUT_FILE),
            Map.entry("export --out", Kind.OUTPUT_FILE),
            Map.entry("nir run --input", Kind.INPUT_FILE),
            Map.entry("nir run --input-sonata", Kind.INPUT_FILE),
            Map.entry("nir export --network-json", Kind.INPUT_FILE),
            Map.entry("nir export --write-input", Kind.OUTPUT_FILE),
            Map.entry("hw map --nir", Kind.INPUT_FILE),
            Map.entry("nir run GRAPH.nir", Kind.INPUT_FILE),
            Map.entry("eval MODEL", Kind.INPUT_FILE),
            Map.entry("SPEC", Kind.INPUT_FILE),               // every command's spec file (or a shipped example's name)
            Map.entry("nir run --dt", Kind.NUMBER),
            Map.entry("nir run --steps", Kind.NUMBER),
            Map.entry("nir run --synaptic-delay", Kind.NUMBER));

    /**
     * What a command needs to run at all (positionals first, then options), so that each case fails on the
     * option under test; {@code GRAPH} is replaced by a valid NIR file. An option under test replaces its own
     * entry, and {@link #DROP} the entries it may not be given with.
     */
    private static final Map<String, List<String>> BASE = Map.ofEntries(
            Map.entry("bench", List.of("cuba")),
            Map.entry("nir run", List.of("GRAPH", "--dt", "0.1", "--steps", "5")),
            Map.entry("nir export", List.of("--builtin", "nest-sine")),
            Map.entry("eval", List.of("MODEL")),
            Map.entry("analyze curvature", List.of("MODEL")),
            Map.entry("analyze lyapunov", List.of("MODEL")),
            Map.entry("sg", List.of("nback")),
            Map.entry("continual", List.of("pattern-liu-rate", "pattern-liu-rate")),
            Map.entry("export", List.of("MODEL")),
            Map.entry("spec check", List.of("SPECFILE")),
            Map.entry("spec show", List.of("cuba")),
            Map.entry("run", List.of("cuba")),
            Map.entry("hw study", List.of("hw-study")),
            Map.entry("hw map", List.of("cuba")),
            Map.entry("train", List.of("sine-nest")),
            Map.entry("sweep", List.of("sine-nest")),
            // the optional SPEC of each reservoir benchmark: its shipped example (what runs without one)
            Map.entry("reservoir", List.of("reservoir-mc")),
            Map.entry("reservoir mc", List.of("reservoir-mc")),
            Map.entry("reservoir narma", List.of("reservoir-narma")),
            Map.entry("reservoir mackey-glass", List.of("reservoir-mackey-glass")),
            Map.entry("reservoir lsm", List.of("reservoir-lsm")),
            Map.entry("reservoir bits", List.of("reservoir-bits")),
            Map.entry("reservoir scaling", List.of("reservoir-scaling")),
            Map.entry("reservoir force", List.of("reservoir-force")));
    private static final Map<String, Set<String>> DROP = Map.of(
            // options that choose a Java-built network instead of a spec: tested without the base's SPEC
            "run --network", Set.of("cuba"),
            "run --scale", Set.of("cuba"),
            "hw map --network", Set.of("cuba"),
            "hw map --scale", Set.of("cuba"),
            "hw map --delay-ms", Set.of("cuba"),
            "hw map --nir", Set.of("cuba"),
            "nir run --input", Set.of("--steps"),
            "nir run --input-sonata", Set.of("--steps"),
            "nir export --network-json", Set.of("--builtin"),
            "nir export SPEC", Set.of("--builtin"));

    /** A NIR graph that {@code nir run} accepts (written by {@code nir export --builtin nest-sine}). */
    private Path graph;
    /** A model.json that {@code eval} accepts (written by one update of {@code train}). */
    private Path model;

    @Test
    void shouldRejectEveryBadValueOfEveryOptionWithOneLineBeforeAnyWork() throws Exception {
        pipe = tmp.resolve("pipe");
        final boolean havePipe = new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0;
        assertTrue(havePipe, "mkfifo failed: the named-pipe cases need it");
        final Snapshot cwd = new Snapshot(Path.of("spikering-out"));
        graph = validGraph();
        model = validModel();
        final long t0 = System.nanoTime();
        int options = 0;
        for (CommandLine leaf : leaves(SpikeringCli.commandLine())) {
            final CommandSpec spec = leaf.getCommandSpec();
            final String cmd = name(spec);
            cli = SpikeringCli.commandLine();
            for (OptionSpec o : spec.options()) {
                if (o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                options++;
                final String key = cmd + " " + o.longestName();
                if (o.arity().max() > 0) {
                    // the option given last without its value
                    expectRejected(cmd, o.longestName(), withExtras(spec, o.longestName(), List.of(o.longestName())));
                }
                for (String v : badValues(cmd, o, havePipe)) {
                    if (LEGAL.getOrDefault(key, Set.of()).contains(v)) {
                        continue;
                    }
                    expectRejected(cmd, o.longestName(), v, withExtras(spec, o.longestName(), List.of(o.longestName(), v)));
                }
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                final List<String> values = new ArrayList<>(List.of("bogus", "", "CUBA "));
                if (kind(cmd, p.paramLabel(), p.type()) == Kind.INPUT_FILE) {
                    values.addAll(badFiles(true));
                }
                for (String v : values) {
                    expectRejected(cmd, p.paramLabel(), v, withExtras(spec, p.paramLabel(), List.of(), v,
                            p.index().min()));
                }
            }
            // an unknown option and a stray argument
            expectRejected(cmd, "--bogus", withExtras(spec, "", List.of("--bogus", "1")));
            expectRejected(cmd, "'stray'", withExtras(spec, "", List.of("stray")));
        }
        assertTrue(options > 60, "options found: " + options);
        assertTrue(cases > 700, "cases run: " + cases);
        final double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases + " cases failed:\n" + String.join("\n", failures));
        cwd.assertUnchanged();
        System.out.printf("BadInputTableTest: %d options, %d bad command lines rejected in %.1f s; slowest:%n", options, cases, seconds);
        slowest.forEach((ms, args) -> System.out.printf("  %.0f ms  %s%n", -ms, args));
    }

    /** Bad combinations, sizes beyond the memory and results that would be NaN: each names its option. */
    @Test
    void shouldRejectInconsistentOptionsHugeSizesAndUnstableReservoirs() throws Exception {
        final String[][] table = {
            {"--update", "run", "--update", "event"},
            {"--update", "bench", "cuba", "--update", "event"},
            {"--threads", "run", "--engine", "reference", "--threads", "4"},
            {"--threads", "bench", "cuba", "--engine", "reference", "--threads", "4"},
            {"--threads", "bench", "cuba", "--compare", "1,2", "--threads", "2"},
            {"--engine", "bench", "cuba", "--compare", "1,2", "--engine", "reference"},
            {"--repeat", "bench", "cuba", "--repeat", "2"},
            {"--neurons", "bench", "cuba", "--neurons", "400", "--scale", "0.5"},
            {"--computation", "train", "--rule", "bptt", "--computation", "engine"},
            {"--write-json", "gradients", "--bench", "--write-json", "x.json"},
            {"--bench-iterations", "gradients", "--bench-iterations", "5"},
            {"--seconds", "run", "--seconds", "1e-300"},
            {"--seconds", "bench", "cuba", "--seconds", "1e-300"},
            {"--scale", "run", "--scale", "1e6"},
            {"--scale", "run", "--network", "brunel", "--scale", "11"},
            {"--scale", "bench", "brunel", "--scale", "10"},            // 1.6e9 synapses: beyond the memory
            {"--size", "reservoir", "mc", "--size", "200000"},
            {"--size", "reservoir", "mc", "--size", "100000", "--test", "200003"}, // 1e9 non-zeros: beyond the memory
            {"--test", "reservoir", "mc", "--size", "3000"},           // --test must exceed the 2N delays
            {"--batch", "train", "--task", "evidence", "--batch", "1000000"},
            {"--batch", "hw study", "--batch", "1000000"},
            {"--spectral-radius", "reservoir", "mc", "--activation", "linear", "--spectral-radius", "1.2"},
            {"--spectral-radius", "reservoir", "narma", "--activation", "linear", "--topology", "orthogonal",
                "--spectral-radius", "1.5", "--leak", "0.5", "--size", "50"}, // radius of (1 - leak) I + leak W: 1.25
            {"--delay", "reservoir", "bits", "--delay", "0"},
            {"--fractions", "hw study", "--fractions", "1,1,1"},
            {"--energy", "run", "--energy", "synop=1,synop=2"},
            {"--lr", "train", "--lr", "1e308"},
            {"--delay-ms", "hw map", "--delay-ms", "Infinity"},
            {"--scale", "hw map", "--scale", "Infinity"},
            {"--scale", "hw map", "--scale", "1e-9"},                  // no neuron left
            {"--steps", "nir run", "GRAPH", "--dt", "0.1", "--steps", "10000000"}, // 100 inputs x 1e7 steps: 16 GB
            {"--task", "gradients", "--task", "sine", "--network-json", "NETWORK"},
            {"--seed", "gradients", "--spec", "pattern-liu-rate", "--seed", "3"}, // the spec gives the seed
            {"--task", "gradients", "--spec", "pattern-liu-rate", "--task", "sine"},
            {"--spec", "gradients", "--spec", "cuba"},                  // no training section
            {"--rtrl-sizes", "bench", "rules", "--rtrl-sizes", "16,300"},
            {"--rounding", "hw study", "--bits", "32", "--rounding", "truncate"},
            {"--collect", "sweep", "sine-nest", "--list", "--collect"},
            {"--point", "sweep", "sine-nest", "--grid", "training.rule=eprop,bptt", "--point", "2"},
            {"--grid", "sweep", "sine-nest", "--grid", "training.iteratons=1,2"},
            {"COMMAND", "help", "bogus"},
            {"COMMAND", "help", "hw", "bogus"},
            {"sub-command", "hw"},
            {"sub-command", "reservoir"},
            {"sub-command", "analyze"},
        };
        final Path network = validNetworkJson();
        graph = validGraph();
        for (String[] row : table) {
            final List<String> args = new ArrayList<>();
            for (String a : Arrays.copyOfRange(row, 1, row.length)) {
                args.addAll(Arrays.asList(a.equals("hw study") || a.equals("hw map") ? a.split(" ")
                        : new String[] {a.equals("NETWORK") ? network.toString() : a.equals("GRAPH") ? graph.toString() : a}));
            }
            final String cmd = (args.get(0).equals("hw") || args.get(0).equals("reservoir") || args.get(0).equals("nir")
                    || args.get(0).equals("bench") && args.size() > 1 && Set.of("rules", "rate-rnn").contains(args.get(1)))
                    && args.size() > 1
                    && !args.get(1).startsWith("-") ? args.get(0) + " " + args.get(1) : args.get(0);
            if (Set.of("run", "train", "sweep", "hw study", "reservoir mc", "reservoir narma", "reservoir bits", "nir run").contains(cmd)) {
                args.add("--out");
                args.add(tmp.resolve("case" + caseNo).resolve("out").toString());
            }
            expectRejected(cmd, row[0], args);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void shouldShowTheHelpOfNestedCommandsAndDescribeEveryOption() {
        final CommandLine cl = SpikeringCli.commandLine();
        final StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("help", "hw", "map"));
        assertTrue(out.toString().contains("Usage: spikering hw map") && out.toString().contains("--delay-ms"), out.toString());
        final List<String> missing = new ArrayList<>();
        for (CommandLine leaf : leaves(SpikeringCli.commandLine())) {
            for (ArgSpec a : leaf.getCommandSpec().args()) {
                if (a.description().length == 0 || String.join("", a.description()).isBlank()) {
                    missing.add(name(leaf.getCommandSpec()) + " " + (a.isOption() ? ((OptionSpec) a).longestName()
                            : ((PositionalParamSpec) a).paramLabel()));
                }
            }
        }
        assertTrue(missing.isEmpty(), "options without a description: " + missing);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Kind kind(final String cmd, final String name, final Class<?> type) {
        final Kind k = KIND.getOrDefault(cmd + " " + name, KIND.get(name));
        return k != null || type != Path.class ? k : Kind.INPUT_FILE;
    }

    /** The bad values of one option, by its type. */
    private List<String> badValues(final String cmd, final OptionSpec o, final boolean havePipe) throws IOException {
        final String name = o.longestName();
        final Class<?> type = o.isMultiValue() ? o.auxiliaryTypes()[0] : o.type();
        final Kind kind = kind(cmd, name, type);
        final List<String> v = new ArrayList<>();
        if (type == boolean.class || type == Boolean.class) {
            return v;
        }
        if (name.equals("--set")) { // FIELD=VALUE overrides of a spec, repeatable (not a comma list)
            return new ArrayList<>(List.of("", " ", "seed", "=1", "bogus=1", "seed=x", "seed=1.5", "seed[=1", "name=",
                    "network.populations[Z].size=1"));
        }
        if (o.isMultiValue()) {
            final String sample = LIST_SAMPLE.containsKey(cmd + " " + name) ? LIST_SAMPLE.get(cmd + " " + name)
                    : o.defaultValue() != null ? o.defaultValue().split(o.splitRegex())[0] : null;
            assertTrue(sample != null, cmd + " " + name + ": add a valid element to LIST_SAMPLE");
            v.add("");
            v.add(sample + "," + sample);
            v.add(sample + ",," + sample);
            if (isNumber(type)) {
                v.addAll(BAD_NUMBERS.stream().filter(x -> !x.isBlank()).toList());
            } else {
                v.addAll(List.of("bogus", sample + ",bogus"));
            }
            return v;
        }
        if (isNumber(type) || kind == Kind.NUMBER) {
            v.addAll(BAD_NUMBERS);
            if (type != double.class && type != Double.class) {
                v.add(HUGE_INT);
            }
            return v;
        }
        if (kind == Kind.OUTPUT_FOLDER || kind == Kind.OUTPUT_FILE) {
            final Path file = Files.writeString(tmp.resolve("regular-file"), "x");
            v.addAll(List.of("", " ", "/proc/spikering-x", file.resolve("sub").toString()));
            v.add(kind == Kind.OUTPUT_FOLDER ? file.toString() : tmp.toString());
            return v;
        }
        if (kind == Kind.INPUT_FILE) {
            v.addAll(badFiles(havePipe));
            if (name.equals("--network-json")) {
                v.addAll(malformedNetworks());
            }
            return v;
        }
        assertEquals(String.class, type, cmd + " " + name + ": no bad values for type " + type);
        v.addAll(List.of("", " ", "bogus", "-1", "NaN"));
        if (name.equals("--energy")) {
            v.addAll(List.of("synop=1,synop=2", "synop=-1", "synop=NaN", "synop=Infinity", "synop=1e308", "synop",
                    "foo=1", "synop=1,", ",", "synop=abc", "synop=20 neuron=50"));
        }
        if (name.equals("--chip")) {
            v.addAll(badFiles(havePipe));
            for (String json : List.of("{\"name\":\"x\",\"cores\":0}", "{\"neuronsPerCore\":\"many\"}",
                    "{\"name\":\"x\",\"neuronsPerCore\":1024,\"synapseBitsPerCore\":1,\"bitsPerSynapse\":24,"
                        + "\"maxFanIn\":1,\"maxFanOut\":1,\"maxDelaySteps\":8,\"cores\":1,\"dtMs\":-1}",
                    "{\"bogusField\":1}")) {
                v.add(Files.writeString(tmp.resolve("chip" + v.size() + ".json"), json).toString());
            }
        }
        return v;
    }

    private static boolean isNumber(final Class<?> t) {
        return t == int.class || t == Integer.class || t == long.class || t == Long.class || t == double.class
                || t == Double.class;
    }

    /** Input files that are not readable JSON: missing, a folder, a named pipe, empty, truncated, not an object. */
    private List<String> badFiles(final boolean havePipe) throws IOException {
        final List<String> v = new ArrayList<>();
        v.add(tmp.resolve("missing.json").toString());
        v.add(tmp.toString());
        if (havePipe) {
            v.add(pipe.toString());
        }
        int k = 0;
        for (String content : List.of("", "{", "not json", "[]", "null", "{\"network\": 1, \"batch\": 2}")) {
            v.add(Files.writeString(tmp.resolve("bad" + k++ + ".json"), content).toString());
        }
        final Path unreadable = Files.writeString(tmp.resolve("unreadable.json"), "{}");
        unreadable.toFile().setReadable(false, false);
        if (!Files.isReadable(unreadable)) { // root reads everything: the case is then meaningless
            v.add(unreadable.toString());
        }
        return v;
    }

    /** A valid document of a tiny network, then copies each with one field broken. */
    private List<String> malformedNetworks() throws IOException {
        final ObjectNode base = (ObjectNode) Json.read(validNetworkJson(), JsonNode.class);
        final List<String> v = new ArrayList<>();
        final String[][] edits = {
            {"network", "recurrent", "-5"}, {"network", "recurrent", "0"}, {"network", "recurrent", "\"abc\""},
            {"network", "recurrent", "1e308"}, {"network", "recurrent", "2.5"}, {"network", "inputs", "2000000000"},
            {"network", "w_in", "[\"x\", 1]"}, {"network", "w_rec", "null"}, {"network", "w_out", "[true]"},
            {"network", "adaptive", "[1, 2]"}, {"network", "feedback", "[1.0, 2.0]"},
            {"params", "dt_ms", "\"abc\""}, {"params", "tau_m_ms", "-1"}, {"params", "regular_spike_arrival", "\"yes\""},
            {"batch", "loss", "\"bogus\""}, {"batch", "steps", "7"}, {"batch", "batch_size", "-1"},
            {"batch", "input_spikes", "[0, 1]"}, {"batch", "loss_mask", "[\"x\"]"}, {"batch", "targets", "\"t\""},
        };
        for (String[] e : edits) {
            final ObjectNode doc = base.deepCopy();
            final ObjectNode target = e[0].equals("params") ? (ObjectNode) doc.get("network").get("params")
                    : (ObjectNode) doc.get(e[0]);
            target.set(e[1], Json.MAPPER.readTree(e[2]));
            v.add(Files.writeString(tmp.resolve("net-" + e[0] + "-" + e[1] + v.size() + ".json"),
                    Json.MAPPER.writeValueAsString(doc)).toString());
        }
        final ObjectNode noBatch = base.deepCopy();
        noBatch.remove("batch");
        v.add(Files.writeString(tmp.resolve("net-nobatch.json"), Json.MAPPER.writeValueAsString(noBatch)).toString());
        return v;
    }

    /** Trains one update of evidence accumulation (which must succeed) and returns its model.json. */
    private Path validModel() throws IOException {
        final Path dir = tmp.resolve("model");
        final CommandLine cl = SpikeringCli.commandLine();
        final StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        final PrintStream oldOut = System.out;
        final PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertEquals(0, cl.execute("train", "--task", "evidence", "--iterations", "1", "--batch", "1", "--test-batch", "1",
                    "--out", dir.toString()), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        final Path file = dir.resolve("model.json");
        assertTrue(Files.isRegularFile(file), "train wrote no model.json: " + err);
        return file;
    }

    /** Writes a NIR graph with {@code nir export} (which must succeed) for the {@code nir run} cases. */
    private Path validGraph() {
        final Path file = tmp.resolve("valid.nir");
        final CommandLine cl = SpikeringCli.commandLine();
        final StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        final PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertEquals(0, cl.execute("nir", "export", "--builtin", "nest-sine", "--out", file.toString()), err.toString());
        } finally {
            System.setOut(old);
        }
        return file;
    }

    /** A network document that {@code gradients} accepts (checked here without computing). */
    private Path validNetworkJson() throws IOException {
        final Path file = tmp.resolve("valid-network.json");
        if (Files.exists(file)) {
            return file;
        }
        final NetworkParams p = new NetworkParams(1.0, 20.0, 1.0, 2, true, 0.3, 1.0, 200.0, 0.5, 20.0, 0.1, 10.0);
        final RecurrentNetwork net = RecurrentNetwork.random(3, 4, 1, 2, p, 3);
        final int steps = 10;
        final float[] x = new float[steps * 3];
        x[0] = 1f;
        final boolean[] mask = new boolean[steps];
        Arrays.fill(mask, true);
        final SequenceBatch b = new SequenceBatch(1, steps, 3, 1, x, new double[steps], mask, LossKind.REGRESSION_MSE);
        final ObjectNode doc = Json.object();
        doc.set("network", GradientsJson.network(net, null));
        doc.set("batch", GradientsJson.batch(b));
        GradientsRun.fromJson(doc, 1); // must be accepted, or the malformed copies test nothing
        Files.writeString(file, Json.MAPPER.writeValueAsString(doc));
        return file;
    }

    /** The command words, then the options that keep the case's output inside its folder, then {@code tail}. */
    /** @return a minimal valid spec file (for commands that need one). */
    private Path specFile() {
        final Path f = tmp.resolve("minimal.yaml");
        try {
            if (!Files.exists(f)) {
                Files.writeString(f, "spikering: 1\n");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return f;
    }

    private List<String> withExtras(final CommandSpec spec, final String option, final List<String> tail) {
        return withExtras(spec, option, tail, null, 0);
    }

    /**
     * @param positional the value of the positional parameter under test, or null for the base's.
     * @param index      its index: it replaces the base's positional of that index, or follows the base's positionals
     *                   (an optional positional, e.g. eval's DATA).
     */
    private List<String> withExtras(final CommandSpec spec, final String option, final List<String> tail,
                                    final String positional, final int index) {
        final Path dir = tmp.resolve("case" + caseNo);
        final String cmd = name(spec);
        final List<String> args = new ArrayList<>(Arrays.asList(cmd.split(" ")));
        final List<String> base = BASE.getOrDefault(cmd, List.of());
        final Set<String> drop = DROP.getOrDefault(cmd + " " + option, Set.of());
        int pos = 0;
        boolean placed = false;
        for (int i = 0; i < base.size(); i++) {
            final String b = base.get(i);
            if (!b.startsWith("--")) { // a positional
                if (drop.contains(b) && !(pos == index && positional != null)) {
                    pos++;
                    continue;
                }
                placed |= pos == index && positional != null;
                args.add(pos == index && positional != null ? positional : b.equals("GRAPH") ? graph.toString()
                        : b.equals("MODEL") ? model.toString() : b.equals("SPECFILE") ? specFile().toString() : b);
                pos++;
                if (positional != null && index == pos && (i + 1 == base.size() || base.get(i + 1).startsWith("--"))) {
                    args.add(positional); // follows the base's positionals
                    placed = true;
                }
            } else {
                if (!b.equals(option) && !drop.contains(b)) {
                    args.add(b);
                    args.add(base.get(i + 1));
                }
                i++;
            }
        }
        if (positional != null && !placed && index == pos) {
            args.add(positional); // an optional positional of a base that gives none (nir export's SPEC)
        }
        if (spec.findOption("--out") != null && !option.equals("--out")) {
            args.add("--out");
            args.add(kind(cmd, "--out", spec.findOption("--out").type()) == Kind.OUTPUT_FILE
                    ? dir.resolve("out").resolve(cmd.equals("export") ? "weights.npz" : "graph.nir").toString()
                    : dir.resolve("out").toString());
        }
        if (spec.findOption("--write-json") != null && !option.equals("--write-json") && !option.equals("--bench")) {
            args.add("--write-json");
            args.add(dir.resolve("out").resolve("g.json").toString());
        }
        args.addAll(tail);
        return args;
    }

    private void expectRejected(final String cmd, final String option, final List<String> args) throws IOException {
        expectRejected(cmd, option, null, args);
    }

    /**
     * Whether the message shows the bad value: literally, as Java prints the number, or (for a list) the
     * offending element; case-insensitive (enum constants are printed in capitals).
     */
    static boolean namesValue(final String message, final String value) {
        final String m = message.toLowerCase(java.util.Locale.ROOT);
        final String v = value.toLowerCase(java.util.Locale.ROOT);
        if (v.isBlank()) {
            return m.contains("'" + v + "'") || m.contains("(empty)") || m.contains(" is empty");
        }
        if (m.contains(v)) {
            return true;
        }
        final List<String> normal = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            String n = part;
            try {
                final double d = Double.parseDouble(part);
                n = Double.toString(d).toLowerCase(java.util.Locale.ROOT);
                if (m.contains(n) || d == Math.rint(d) && Math.abs(d) < 1e15 && m.contains(Long.toString((long) d))) {
                    if (!v.contains(",")) {
                        return true;
                    }
                }
            } catch (NumberFormatException e) {
                if (v.contains(",") && (part.isEmpty() ? m.contains("''") : m.contains(part))) {
                    return true; // the offending element
                }
            }
            normal.add(n);
        }
        return m.contains(String.join(",", normal));
    }

    /** Runs one case in-process and records a failure unless it was rejected as required. */
    private void expectRejected(final String cmd, final String option, final String value, final List<String> args)
            throws IOException {
        final Path dir = tmp.resolve("case" + caseNo++);
        Files.createDirectories(dir);
        cases++;
        final StringWriter err = new StringWriter();
        final StringWriter out = new StringWriter();
        final ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
        final ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
        final PrintStream oldOut = System.out;
        final PrintStream oldErr = System.err;
        final int code;
        final long t0 = System.nanoTime();
        try {
            System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
            final CommandLine cl = cli != null ? cli : SpikeringCli.commandLine();
            cl.setErr(new PrintWriter(err, true));
            cl.setOut(new PrintWriter(out, true));
            code = cl.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        final double ms = (System.nanoTime() - t0) / 1e6;
        slowest.put(-ms - 1e-9 * cases, String.join(" ", args));
        while (slowest.size() > 5) {
            slowest.pollLastEntry();
        }
        final String e = err.toString();
        final List<String> lines = e.lines().toList();
        final String shown = "spikering " + String.join(" ", args.stream().map(a -> a.isEmpty() ? "''" : a).toList());
        final List<String> why = new ArrayList<>();
        if (code != 2) {
            why.add("exit " + code);
        }
        if (lines.size() != 1) {
            why.add(lines.size() + " stderr lines");
        }
        if (!e.contains(option)) {
            why.add("does not name " + option);
        }
        if (!e.startsWith("spikering " + cmd + ": error: ") && !e.startsWith("spikering: error: ")) {
            why.add("not in the 'spikering " + cmd + ": error:' form");
        }
        if (value != null && !namesValue(e, value)) {
            why.add("does not show the value '" + value + "'");
        }
        if (!SAYS_WHAT_IS_ALLOWED.matcher(e).find()) {
            why.add("does not say what is allowed");
        }
        if (!e.contains("(see 'spikering help")) {
            why.add("no pointer to spikering help");
        }
        if (!out.toString().isEmpty() || sysOut.size() > 0 || sysErr.size() > 0) {
            why.add("printed: " + out + sysOut.toString(StandardCharsets.UTF_8) + sysErr.toString(StandardCharsets.UTF_8));
        }
        try (Stream<Path> files = Files.walk(dir)) {
            final List<Path> written = files.filter(f -> !f.equals(dir)).toList();
            if (!written.isEmpty()) {
                why.add("wrote " + written);
            }
        }
        if (ms > 2000) {
            why.add(String.format("took %.0f ms (work started?)", ms));
        }
        if (!why.isEmpty()) {
            failures.add(shown + "  ->  " + String.join("; ", why) + " | " + e.strip().replace("\n", " \\n "));
        }
    }

    private static List<CommandLine> leaves(final CommandLine root) {
        final List<CommandLine> out = new ArrayList<>();
        for (CommandLine sub : root.getSubcommands().values()) {
            if (sub.getCommandSpec().helpCommand()) {
                continue;
            }
            if (sub.getSubcommands().isEmpty()) {
                out.add(sub);
            } else {
                // a command with sub-commands that runs on its own too (reservoir SPEC): its options as well
                if (!sub.getCommandSpec().positionalParameters().isEmpty()) {
                    out.add(sub);
                }
                out.addAll(leaves(sub));
            }
        }
        return out;
    }

    private static String name(final CommandSpec spec) {
        return spec.qualifiedName().substring("spikering ".length());
    }

    /** The files under a folder (relative path, size, modification time), to see that nothing was written. */
    private static final class Snapshot {
        private final Path dir;
        private final List<String> entries;

        Snapshot(final Path dir) throws IOException {
            this.dir = dir;
            this.entries = list(dir);
        }

        private static List<String> list(final Path dir) throws IOException {
            if (!Files.exists(dir)) {
                return List.of();
            }
            try (Stream<Path> s = Files.walk(dir)) {
                final List<String> out = new ArrayList<>();
                for (Path p : s.sorted().toList()) {
                    out.add(dir.relativize(p) + " " + Files.size(p) + " " + Files.getLastModifiedTime(p));
                }
                return out;
            }
        }

        void assertUnchanged() throws IOException {
            assertEquals(entries, list(dir), "the default output folder " + dir.toAbsolutePath() + " changed");
        }
    }
}
