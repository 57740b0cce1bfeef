package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.SpecLoader;
import picocli.CommandLine;

/**
 * {@code hw study [SPEC]}: the study runs from the shipped {@code examples/hw-study.yaml}, its options replace single
 * fields, and its results equal the study of the code before spec files existed.
 *
 * <p>The reference files {@code study-before-spec-*.json|csv} (test resources, package org.spikering.app.hw) were
 * written by the jar of main at commit d7364ed (before this branch changed PlasticityStudy or HardwareCommand):
 * <pre>
 * java -jar spikering.jar hw study --task evidence --fractions 1,0.1 --bits 32,4 --rounding nearest,stochastic \
 *     --seeds 2 --iterations 2 --batch 2 --test-batch 4 --out evidence
 * java -jar spikering.jar hw study --task sine --fractions 0.5 --bits 6 --rounding truncate --seeds 1 \
 *     --iterations 2 --batch 1 --test-batch 2 --energy synop=20,spike=3 --out sine
 * </pre>
 * Only {@code wall_s} (the wall time) may differ.
 */
final class HwStudySpecTest {

    @TempDir
    Path dir;

    private static final String[] EVIDENCE = {"--task", "evidence", "--fractions", "1,0.1", "--bits", "32,4", "--rounding",
        "nearest,stochastic", "--seeds", "2", "--iterations", "2", "--batch", "2", "--test-batch", "4"};
    private static final String[] EVIDENCE_SETS = {"--set", "study.fractions=[1, 0.1]", "--set", "study.bits=[32, 4]",
        "--set", "study.seeds=2", "--set", "study.iterations=2", "--set", "study.batch=2", "--set", "study.test_batch=4"};
    private static final String[] SINE = {"--task", "sine", "--fractions", "0.5", "--bits", "6", "--rounding", "truncate",
        "--seeds", "1", "--iterations", "2", "--batch", "1", "--test-batch", "2", "--energy", "synop=20,spike=3"};

    private record Result(int exit, String err, Path out) {
    }

    private Result study(final String name, final String... args) {
        final StringWriter err = new StringWriter();
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        final Path out = dir.resolve(name);
        final List<String> a = new ArrayList<>(List.of("hw", "study"));
        a.addAll(List.of(args));
        a.addAll(List.of("--out", out.toString()));
        return new Result(cl.execute(a.toArray(new String[0])), err.toString(), out);
    }

    private static JsonNode studyJson(final Path file) throws Exception {
        final ObjectNode j = (ObjectNode) Json.MAPPER.readTree(file.toFile());
        j.remove("wall_s");
        return j;
    }

    private static Path reference(final String name) throws Exception {
        return Path.of(HwStudySpecTest.class.getResource("/org/spikering/app/hw/" + name).toURI());
    }

    private static void assertSameStudy(final String ref, final Path out) throws Exception {
        assertEquals(studyJson(reference("study-before-spec-" + ref + ".json")), studyJson(out.resolve("study.json")));
        assertEquals(Files.readString(reference("study-before-spec-" + ref + ".csv")), Files.readString(out.resolve("study.csv")));
    }

    @Test
    void optionsGiveTheStudyOfTheCodeBeforeSpecFiles() throws Exception {
        final Result r = study("opts", EVIDENCE);
        assertEquals(0, r.exit(), r.err());
        assertSameStudy("evidence", r.out());
        // the result folder keeps the spec it ran, and that spec runs the same study again
        final Result again = study("again", r.out().resolve("spec.yaml").toString());
        assertEquals(0, again.exit(), again.err());
        assertSameStudy("evidence", again.out());
    }

    @Test
    void energyOptionAndOtherTaskGiveTheStudyOfTheCodeBeforeSpecFiles() throws Exception {
        final Result r = study("sine", SINE);
        assertEquals(0, r.exit(), r.err());
        assertSameStudy("sine", r.out());
    }

    @Test
    void theShippedFileWithSetsIsTheSameStudy() throws Exception {
        final List<String> a = new ArrayList<>(List.of("hw-study"));
        a.addAll(List.of(EVIDENCE_SETS));
        final Result r = study("file", a.toArray(new String[0]));
        assertEquals(0, r.exit(), r.err());
        assertSameStudy("evidence", r.out());
        final Path file = Path.of("..", "examples", "hw-study.yaml");
        assertEquals(Files.readString(file), Examples.text("hw-study"), "the jar ships the repository's file");
    }

    @Test
    void theShippedTrainingSectionIsTheEvidencePresetsWithoutWhatTheStudySets() {
        final ObjectNode study = (ObjectNode) Examples.load("hw-study", List.of()).tree().get("training");
        final ObjectNode evidence = (ObjectNode) Examples.load("evidence", List.of()).tree().get("training");
        evidence.remove(List.of("batch", "iterations", "evaluation", "checkpoint_every"));
        study.remove(List.of("batch", "iterations", "evaluation", "checkpoint_every")); // schema defaults filled in
        assertEquals(evidence, study);
    }

    @Test
    void oneEnergyFieldChangesOnlyTheEnergyByItsShareOfTheSynapticOperations() throws Exception {
        final String[] grid = {"--fractions", "0.1", "--bits", "32", "--seeds", "1", "--iterations", "1", "--batch", "1",
            "--test-batch", "2"};
        final Result a = study("a", grid);
        final List<String> g = new ArrayList<>(List.of(grid));
        g.addAll(List.of("--set", "hardware.energy.synop_pj=30.6"));
        final Result b = study("b", g.toArray(new String[0]));
        assertEquals(0, a.exit(), a.err());
        assertEquals(0, b.exit(), b.err());
        final JsonNode ra = Json.MAPPER.readTree(a.out().resolve("study.json").toFile()).get("rows");
        final JsonNode rb = Json.MAPPER.readTree(b.out().resolve("study.json").toFile()).get("rows");
        assertEquals(ra.size(), rb.size());
        for (int i = 0; i < ra.size(); i++) {
            for (Iterator<Map.Entry<String, JsonNode>> it = ra.get(i).fields(); it.hasNext();) {
                final Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().startsWith("energy_J")) {
                    continue;
                }
                assertEquals(e.getValue(), rb.get(i).get(e.getKey()), e.getKey());
            }
            // E_b - E_a = (30.6 - 23.6) pJ x synaptic ops
            final double synops = ra.get(i).get("synaptic_ops").asDouble();
            assertEquals(7.0e-12 * synops, rb.get(i).get("energy_J").asDouble() - ra.get(i).get("energy_J").asDouble(),
                    1e-9 * ra.get(i).get("energy_J").asDouble());
        }
    }

    @Test
    void perNeuronMasksAreNamedInTheFilesAndChangeTheRuns() throws Exception {
        final String[] grid = {"--fractions", "0.5", "--bits", "32", "--seeds", "1", "--iterations", "1", "--batch", "1",
            "--test-batch", "2"};
        final Result a = study("random", grid);
        final List<String> g = new ArrayList<>(List.of(grid));
        g.addAll(List.of("--set", "hardware.mask.kind=per_neuron"));
        final Result b = study("per", g.toArray(new String[0]));
        assertEquals(0, b.exit(), b.err());
        final JsonNode ja = Json.MAPPER.readTree(a.out().resolve("study.json").toFile());
        final JsonNode jb = Json.MAPPER.readTree(b.out().resolve("study.json").toFile());
        assertFalse(ja.has("mask"));
        assertEquals("per_neuron over in, rec, out", jb.get("mask").asText());
        assertEquals("per-neuron", jb.get("rows").get(1).get("plastic").asText());
        // the readout-only row does not use the mask kind: identical; the fraction row trains other synapses
        assertEquals(ja.get("rows").get(0).get("weight_updates"), jb.get("rows").get(0).get("weight_updates"));
        assertFalse(ja.get("rows").get(1).get("weight_updates").equals(jb.get("rows").get(1).get("weight_updates")));
    }

    /** Bad specs: one line naming the field, exit 2, nothing written. */
    @Test
    void badHardwareAndStudySpecsNameTheFieldAndRunNothing() throws Exception {
        final String base = Examples.text("hw-study");
        final String[][] table = {
            // {replace this, with this, the problem line starts with}
            {"    kind: random ", "    kind: bogus ", "hardware.mask.kind: 'bogus', must be one of"},
            {"  chip: loihi", "  chip: missing-chip.json", "hardware.chip: 'missing-chip.json', must be loihi, spinnaker or a chip description JSON file (no such file"},
            {"  chip: loihi", "  chip: {neurons: 3}", "hardware.chip: "},
            {"    synop_pj: 23.6", "    synop_pj: -1", "hardware.energy.synop_pj: -1, must be"},
            {"    synop_pj: 23.6", "    synop_pj: 1 pJ", "hardware.energy.synop_pj: '1 pJ', must be"},
            {"    spike_pj: 1.7", "    spike_pj: 1.7\n    bogus_pj: 1", "hardware.energy.bogus_pj: unknown field"},
            {"    matrices: [in, rec, out]", "    matrices: [in, rec, rec]", "hardware.mask.matrices: '[in, rec, rec]', must list each"},
            {"    matrices: [in, rec, out]", "    matrices: [in, rec, w]", "hardware.mask.matrices[2]: 'w', must be one of"},
            {"    kind: random ", "    neurons: [1]\n    kind: engram ", "hardware.mask.kind: 'engram', must be random or per_neuron in a study"},
            {"    kind: random ", "    fraction: 0.5\n    kind: random ", "hardware.mask.fraction: 0.5, must be left out in a study"},
            {"  fractions: [1, 0.5, 0.2, 0.1, 0.05, 0.01]", "  fractions: [1.5]", "study.fractions[0]: 1.5, must be"},
            {"  fractions: [1, 0.5, 0.2, 0.1, 0.05, 0.01]", "  fractions: [0.5, 0.5]", "study.fractions: [0.5,0.5], items must be distinct"},
            {"  bits: [32, 8, 6, 4, 2]", "  bits: [1]", "study.bits[0]: 1, must be"},
            {"  bits: [32, 8, 6, 4, 2]", "  bits: [33]", "study.bits[0]: 33, must be"},
            {"  bits: [32, 8, 6, 4, 2]", "  bits: [20]", "study.bits[0]: 20, must be 32 (float) or in [2, 16]"},
            {"  roundings: [nearest, stochastic]", "  roundings: [up]", "study.roundings[0]: 'up', must be one of"},
            {"  seeds: 3", "  seeds: 0", "study.seeds: 0, must be"},
            {"  seeds: 3", "  seedz: 3", "study.seedz: unknown field"},
            {"  batch: 16", "  batch: 16\n  rule: bptt", "study.rule: unknown field"},
            {"    name: evidence", "    name: sine-nest", "training.task.name: 'sine-nest', must be one of evidence, dms, nback, sine-bellec"},
        };
        final List<String> failures = new ArrayList<>();
        for (String[] row : table) {
            assertTrue(base.contains(row[0]), row[0]);
            final Path file = dir.resolve("bad.yaml");
            Files.writeString(file, base.replaceFirst(java.util.regex.Pattern.quote(row[0]),
                    java.util.regex.Matcher.quoteReplacement(row[1])));
            final Result r = study("bad", file.toString());
            final String expected = "spikering hw study: error: " + file + ": " + row[2];
            if (r.exit() != 2 || !r.err().lines().anyMatch(l -> l.startsWith(expected)) || Files.exists(r.out())) {
                failures.add(row[1] + " -> exit " + r.exit() + ", out " + Files.exists(r.out()) + ": " + r.err().strip()
                        + "\n   expected: " + expected);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void engramNeuronsBeyondTheNetworkAreRejectedBeforeAnyRun() throws Exception {
        final Path file = dir.resolve("engram.yaml");
        Files.writeString(file, "spikering: 1\ntraining:\n  task: {name: evidence}\nhardware:\n  mask: {kind: engram, neurons: [1, 100]}\n");
        // engram is no study kind; train would use it. The network-size check names the neuron:
        final org.spikering.app.spec.Spec s = SpecLoader.load(file.toString(), List.of());
        final org.spikering.app.spec.Problems p = new org.spikering.app.spec.Problems();
        s.section("hardware", org.spikering.app.spec.HardwareSpec.class).checkAgainst(p, "hardware",
                org.spikering.app.task.TaskPreset.of("evidence", 1).network());
        assertEquals(List.of("hardware.mask.neurons[1]: 100, must be < the recurrent size 100"), p.lines());
    }

    /** The defaults of {@code hw study}'s options in main at d7364ed (picocli defaultValue strings), transcribed. */
    @Test
    void theShippedFileHoldsTheDefaultsOfTheOptionsBeforeSpecFiles() {
        final org.spikering.app.spec.Spec s = Examples.load("hw-study", List.of());
        final org.spikering.app.spec.StudySpec st = s.section("study", org.spikering.app.spec.StudySpec.class);
        assertEquals(List.of(1.0, 0.5, 0.2, 0.1, 0.05, 0.01), st.fractions());
        assertEquals(List.of(32, 8, 6, 4, 2), st.bits());
        assertEquals(List.of("nearest", "stochastic"), st.roundings());
        assertEquals(List.of(3, 150, 16, 128), List.of(st.seeds(), st.iterations(), st.batch(), st.testBatch()));
        assertEquals("evidence", s.tree().path("training").path("task").path("name").asText());
        assertEquals("spikering-out/hw-study", s.tree().path("output").path("folder").asText());
        final org.spikering.app.spec.HardwareSpec hw = s.section("hardware", org.spikering.app.spec.HardwareSpec.class);
        assertEquals(org.spikering.hw.energy.EnergyModel.loihi(), hw.energyModel());
        assertTrue(st.settings(s).defaultMask());
        assertEquals(0, st.settings(s).firstSeed());
    }

    /** The spec's seed shifts the study seeds: seed 1 runs s = 0, seed 2 runs s = 1; their mean is the 2-seed study's. */
    @Test
    void theSpecSeedShiftsTheStudySeeds() throws Exception {
        final List<String> one = new ArrayList<>(List.of(EVIDENCE));
        one.set(one.indexOf("--seeds") + 1, "1");
        final Result a = study("s0", one.toArray(new String[0]));
        final List<String> two = new ArrayList<>(one);
        two.addAll(List.of("--set", "seed=2"));
        final Result b = study("s1", two.toArray(new String[0]));
        assertEquals(0, a.exit(), a.err());
        assertEquals(0, b.exit(), b.err());
        final JsonNode ja = Json.MAPPER.readTree(a.out().resolve("study.json").toFile());
        final JsonNode jb = Json.MAPPER.readTree(b.out().resolve("study.json").toFile());
        assertFalse(ja.has("first_seed"));
        assertEquals(1, jb.get("first_seed").asInt());
        final JsonNode ref = Json.MAPPER.readTree(reference("study-before-spec-evidence.json").toFile()).get("rows");
        for (int i = 0; i < ref.size(); i++) {
            for (String m : new String[] {"test_loss", "synaptic_ops", "spikes", "weight_updates", "energy_J"}) {
                final double mean = (ja.get("rows").get(i).get(m).asDouble() + jb.get("rows").get(i).get(m).asDouble()) / 2;
                assertEquals(ref.get(i).get(m).asDouble(), mean, 1e-12 * Math.abs(mean), "row " + i + " " + m);
            }
        }
    }
}
