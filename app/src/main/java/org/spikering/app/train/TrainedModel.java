package org.spikering.app.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikering.app.gradients.GradientsJson;
import org.spikering.app.report.AtomicFiles;
import org.spikering.app.report.Json;
import org.spikering.plasticity.network.RecurrentNetwork;

/**
 * A trained network as {@code train} saves it ({@code model.json}, format {@value #FORMAT}, version
 * {@value #VERSION}): the settings it was trained with ({@code training}: the {@code train} options, keyed by their
 * names, e.g. {@code "--task"}), the iterations completed, the network (sizes, constants, ALIF flags, W_in, W_rec,
 * W_out; the same object as {@code gradients --write-json}'s {@code network}, {@link GradientsJson}) and the
 * optimizer's state ({@code optimizer}: kind and named arrays, e.g. Adam's step and moments) and the spec it came from
 * ({@code spec}: the whole resolved spec, every default filled in, as JSON; absent in files written before specs, which
 * are still read: their task is rebuilt from {@code --task} and {@code --seed}, {@link #preset}). Doubles are written
 * in Java's shortest round-trip form, so reading gives back every weight bit for bit.
 *
 * @param training   the train options it was made with.
 * @param completed  iterations completed.
 * @param network    the network (a copy).
 * @param optimizer  optimizer kind ({@code adam} or {@code sgd}).
 * @param state      the optimizer's state ({@link org.spikering.plasticity.optim.Optimizer#exportState}).
 * @param spec       the resolved spec of the run ({@code Spec.tree()}), or null (a model written before specs).
 * @param specDir    the folder the spec's relative file names (e.g. {@code training.data}) resolve against, absolute;
 *                   null for a shipped example (the working directory).
 */
public record TrainedModel(ObjectNode training, int completed, RecurrentNetwork network, String optimizer,
                           Map<String, double[]> state, ObjectNode spec, String specDir) {

    /** A model without a spec (tests, and files written before specs). */
    public TrainedModel(final ObjectNode training, final int completed, final RecurrentNetwork network,
                        final String optimizer, final Map<String, double[]> state) {
        this(training, completed, network, optimizer, state, null, null);
    }

    /** Format name. */
    public static final String FORMAT = "spikering-model";
    /** Format version. */
    public static final int VERSION = 1;

    /**
     * Compact JSON with Jackson's Schubfach double writer and FastDoubleParser reader: both give the shortest decimal
     * that reads back to the same double (and read it back correctly rounded), like {@code Double.toString}, but
     * several times faster on Java 17, which matters for checkpoints of a million weights and moments.
     */
    static final com.fasterxml.jackson.databind.ObjectMapper LOSSLESS = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    /** @return the document. */
    public ObjectNode toJson() {
        final ObjectNode o = Json.object();
        o.put("format", FORMAT);
        o.put("version", VERSION);
        o.set("training", training.deepCopy());
        o.put("iterations_completed", completed);
        o.set("network", GradientsJson.network(network, null));
        final ObjectNode opt = o.putObject("optimizer");
        opt.put("kind", optimizer);
        final ObjectNode st = opt.putObject("state");
        for (Map.Entry<String, double[]> e : state.entrySet()) {
            final var a = st.putArray(e.getKey());
            for (double v : e.getValue()) {
                a.add(Json.finite("optimizer state " + e.getKey(), v));
            }
        }
        if (spec != null) {
            o.set("spec", spec.deepCopy());
            if (specDir != null) {
                o.put("spec_dir", specDir);
            }
        }
        return o;
    }

    /**
     * @param o a document from {@link #toJson}.
     * @return the model.
     * @throws IllegalArgumentException if it is not a model of this format and version.
     */
    public static TrainedModel fromJson(final JsonNode o) {
        if (!FORMAT.equals(o.path("format").asText()) || o.path("version").asInt(-1) != VERSION) {
            throw new IllegalArgumentException("is not a " + FORMAT + " version " + VERSION + " file (format '"
                    + o.path("format").asText() + "', version " + o.path("version").asText() + ")");
        }
        if (!o.path("training").isObject() || !o.path("optimizer").path("state").isObject()) {
            throw new IllegalArgumentException("needs objects 'training' and 'optimizer.state'");
        }
        final Map<String, double[]> state = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.get("optimizer").get("state").fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> e = it.next();
            final double[] a = new double[e.getValue().size()];
            for (int i = 0; i < a.length; i++) {
                final JsonNode x = e.getValue().get(i);
                if (!x.isNumber()) {
                    throw new IllegalArgumentException("optimizer.state." + e.getKey() + "[" + i + "] = " + x + ": must be a number");
                }
                a[i] = x.doubleValue();
            }
            state.put(e.getKey(), a);
        }
        return new TrainedModel((ObjectNode) o.get("training"), o.path("iterations_completed").asInt(),
                GradientsJson.readNetwork(o.get("network")), o.get("optimizer").path("kind").asText(), state,
                o.path("spec").isObject() ? (ObjectNode) o.get("spec") : null,
                o.path("spec_dir").isTextual() ? o.get("spec_dir").asText() : null);
    }

    /**
     * @return the spec the model was trained with (validated again), or null for a model written before specs.
     * @throws org.spikering.app.spec.SpecException naming the fields if the stored spec is not valid for this build.
     */
    public org.spikering.app.spec.Spec loadSpec() {
        if (spec == null) {
            return null;
        }
        return org.spikering.app.spec.SpecLoader.parse(spec.toString(), "model spec", specDir == null ? null
                : java.nio.file.Path.of(specDir), true, java.util.List.of());
    }

    /**
     * @return the task and initial network of the model's run: from its spec, or for a model written before specs
     *         the built-in preset of its {@code --task} and {@code --seed}.
     */
    public org.spikering.app.task.TaskPreset preset() {
        final org.spikering.app.spec.Spec s = loadSpec();
        return s != null && s.has("training") ? org.spikering.app.spec.TrainingSpec.preset(s)
                : org.spikering.app.task.TaskPreset.of(task(), seed());
    }

    /**
     * The state precision the model was trained and tested with ({@code hardware.state} of its spec), as its test
     * evaluations used it: each evaluation with a fresh stream seeded {@link org.spikering.app.spec.hardware.StateSpec#TEST_SEED_OFFSET}
     * + the seed; double precision for a model without a spec or a state block.
     *
     * @return the quantiser of one evaluation.
     */
    public org.spikering.plasticity.network.StateUpdateHook testStateHook() {
        final org.spikering.app.spec.Spec s = loadSpec();
        final org.spikering.app.spec.HardwareSpec hw = s == null || !s.has("hardware") ? null
                : s.section("hardware", org.spikering.app.spec.HardwareSpec.class);
        final org.spikering.hw.fixedpoint.StateQuantizer q = hw == null ? null : hw.state().quantiser(seed());
        return q == null ? org.spikering.plasticity.network.StateUpdateHook.NONE
                : q.withStream(org.spikering.app.spec.hardware.StateSpec.TEST_SEED_OFFSET + seed());
    }

    /** @param file where to write the model (atomically, one line of JSON). */
    public void write(final Path file) {
        AtomicFiles.writeBytes(file, bytes(toJson()));
    }

    /**
     * @param option the option naming the file, for messages (e.g. {@code --init-from}).
     * @param file   a model file.
     * @return the model.
     * @throws IllegalArgumentException one line naming the option and the file if it cannot be read.
     */
    public static TrainedModel read(final String option, final Path file) {
        if (file == null || !Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " = '" + file + "': must be a readable model.json written by train");
        }
        try {
            return fromJson(LOSSLESS.readTree(file.toFile()));
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " = '" + file + "': must be a model.json written by train: not valid"
                    + " JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " = '" + file + "': must be a model.json written by train: "
                    + e.getMessage());
        }
    }

    /** @return the document as compact JSON, doubles lossless ({@link #LOSSLESS}). */
    static byte[] bytes(final JsonNode doc) {
        try {
            return LOSSLESS.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise: " + e.getMessage(), e);
        }
    }

    /**
     * The model's network on {@code batch} without learning, as its rule runs it: rule nest-eprop-iaf with NEST's
     * learner ({@link NestIafTraining#evaluate}, the numbers of its run's test), every other rule with
     * {@link org.spikering.plasticity.train.Evaluator} with the model's {@link #testStateHook}.
     *
     * @param p     the model's task ({@link #preset}).
     * @param net   the network to test (the model's, or a copy with other weights).
     * @param batch the test sequences.
     * @return loss, accuracy and rate.
     */
    public org.spikering.plasticity.train.Evaluation evaluate(final org.spikering.app.task.TaskPreset p,
            final RecurrentNetwork net, final org.spikering.plasticity.data.SequenceBatch batch) {
        if (org.spikering.plasticity.train.LearningRule.NEST_EPROP_IAF.id().equals(training.path("--rule").asText())) {
            final org.spikering.app.spec.Spec s = loadSpec();
            if (s == null || !(p.source() instanceof org.spikering.app.task.NestIafSineTask task)) {
                throw new IllegalArgumentException("model trained with rule nest-eprop-iaf: needs its spec and task"
                        + " sine-nest-iaf to be tested");
            }
            return NestIafTraining.evaluate(s.section("training", org.spikering.app.spec.TrainingSpec.class), net, task,
                    batch);
        }
        return org.spikering.plasticity.train.Evaluator.evaluate(net, batch, testStateHook());
    }

    /**
     * @param option  the option naming the model file, for the message.
     * @param file    the file.
     * @param command what needs a network of the batch-gradient rules (e.g. {@code gradients --model}).
     * @throws IllegalArgumentException if the model was trained with rule nest-eprop-iaf (NEST's eprop_iaf neurons,
     *                                  which that command does not simulate).
     */
    public void requireBatchRuleNetwork(final String option, final Path file, final String command) {
        if (org.spikering.plasticity.train.LearningRule.NEST_EPROP_IAF.id().equals(training.path("--rule").asText())) {
            throw new IllegalArgumentException(option + " = '" + file + "': trained with rule nest-eprop-iaf (NEST's "
                    + "eprop_iaf neurons), which " + command + " does not simulate; 'eval MODEL' tests it");
        }
    }

    /** @return the task the model was trained on ({@code --task}). */
    public String task() {
        return training.path("--task").asText();
    }

    /** @return the training seed ({@code --seed}). */
    public long seed() {
        return training.path("--seed").asLong();
    }

    /**
     * Checks that the model's network can stand in for {@code taskNetwork}: same numbers of inputs, recurrent
     * neurons and outputs, the same kind of units (LIF/ALIF, or rate units with the same constants), cell types and
     * ALIF neurons.
     *
     * @param option      the option naming the model, for messages.
     * @param file        the model file, for messages.
     * @param task        the task's name, for messages.
     * @param taskNetwork the task's own network.
     * @throws IllegalArgumentException one line naming the first mismatch.
     */
    public void checkFits(final String option, final Path file, final String task, final RecurrentNetwork taskNetwork) {
        final RecurrentNetwork m = network;
        final String shape = m.inputs() + " inputs, " + m.recurrent() + " recurrent, " + m.outputs() + " outputs";
        final String want = taskNetwork.inputs() + " inputs, " + taskNetwork.recurrent() + " recurrent, "
                + taskNetwork.outputs() + " outputs";
        if (!shape.equals(want)) {
            throw new IllegalArgumentException(option + " = '" + file + "': the model has " + shape + ", task " + task
                    + " needs " + want);
        }
        if (!java.util.Objects.equals(m.rateUnits(), taskNetwork.rateUnits())) {
            throw new IllegalArgumentException(option + " = '" + file + "': the model's units (" + units(m)
                    + ") differ from task " + task + "'s (" + units(taskNetwork) + ")");
        }
        if (!java.util.Objects.equals(m.cellTypes(), taskNetwork.cellTypes())) {
            throw new IllegalArgumentException(option + " = '" + file + "': the model's cell types (" + m.cellTypes()
                    + ") differ from task " + task + "'s (" + taskNetwork.cellTypes() + ")");
        }
        if (!java.util.Arrays.equals(m.adaptiveFlags(), taskNetwork.adaptiveFlags())) {
            throw new IllegalArgumentException(option + " = '" + file + "': the model's ALIF neurons differ from task "
                    + task + "'s");
        }
    }

    private static String units(final RecurrentNetwork n) {
        return n.isRate() ? "rate units " + n.rateUnits() : "LIF/ALIF neurons";
    }
}
