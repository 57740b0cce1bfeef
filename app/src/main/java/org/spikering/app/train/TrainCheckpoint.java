package org.spikering.app.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.spikering.app.report.AtomicFiles;
import org.spikering.app.report.Json;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.plasticity.train.Evaluation;
import org.spikering.plasticity.train.IterationResult;

/**
 * Everything a {@code train} run needs to continue after iteration {@code completed} exactly as if it had not been
 * stopped ({@code checkpoint.json}, format {@value #FORMAT}): the model so far ({@link TrainedModel}: weights and
 * optimizer state, with the settings), the learning curve and test curve so far, the last test evaluation, the
 * operation counters of training so far, the wall time spent, and the state of the stochastic-rounding streams of the
 * weight and neuron-state quantisers with the state quantiser's saturation counts ({@code rounding}; see
 * {@link TrainingRun#withRoundingStreams}). Nothing else carries over between iterations:
 * batch n is drawn from its own seed ({@link BatchSeeds}), the gradient computers keep only scratch buffers and
 * their random feedback is fixed by the seed, the weight-change counter starts from the restored weights, and each
 * test evaluation's rounding stream starts afresh from its seed.
 * Written atomically (one file, temp + rename); NaN (the batch accuracy of regression tasks) is stored as null.
 *
 * @param model     weights, optimizer state and settings after {@code model.completed()} iterations.
 * @param curve     one result per completed iteration.
 * @param tests     test evaluations so far, each {iteration, accuracy, loss per scored step}.
 * @param last      the last test evaluation, or null.
 * @param counters  spikes, input spikes, synaptic operations, neuron updates, weight updates (and dense MACs of a
 *                  rate network) of training so far.
 * @param wallSeconds wall time of the training loop so far.
 * @param rounding  {@code {"streams": {name: state}, "overflow": {name: [saturations, wraps]}}} ({@link #roundingOf}),
 *                  or null (no quantiser with a stream).
 * @param stepLength with {@code training.bptt_step_length_of}: per completed iteration {α, cos} of
 *                  {@link org.spikering.plasticity.bptt.MatchedStepLengthBptt} ({@code "step_length"}); else null.
 * @param analysis  with {@code training.analysis}: its rows so far ({@link TrainingAnalysis}, {@code "analysis"});
 *                  else null.
 */
public record TrainCheckpoint(TrainedModel model, List<IterationResult> curve, List<double[]> tests, Evaluation last,
                              long[] counters, double wallSeconds, ObjectNode rounding, List<double[]> stepLength,
                              List<double[]> analysis) {

    /** A checkpoint without rounding streams. */
    public TrainCheckpoint(final TrainedModel model, final List<IterationResult> curve, final List<double[]> tests,
            final Evaluation last, final long[] counters, final double wallSeconds) {
        this(model, curve, tests, last, counters, wallSeconds, null, null, null);
    }

    /** @return this checkpoint with the given rounding state ({@link #roundingOf}). */
    public TrainCheckpoint withRounding(final ObjectNode r) {
        return new TrainCheckpoint(model, curve, tests, last, counters, wallSeconds, r, stepLength, analysis);
    }

    /** @return this checkpoint with the given step lengths ({α, cos} per iteration), or null for none. */
    public TrainCheckpoint withStepLength(final List<double[]> s) {
        return new TrainCheckpoint(model, curve, tests, last, counters, wallSeconds, rounding, s, analysis);
    }

    /** @return this checkpoint with the given training.analysis rows, or null for none. */
    public TrainCheckpoint withAnalysis(final List<double[]> a) {
        return new TrainCheckpoint(model, curve, tests, last, counters, wallSeconds, rounding, stepLength, a);
    }

    /**
     * @param streams  stochastic-rounding streams by name.
     * @param overflow overflow counters by name.
     * @return their state as a checkpoint keeps it, or null if both are empty.
     */
    public static ObjectNode roundingOf(final Map<String, org.spikering.hw.fixedpoint.RoundingStream> streams,
            final Map<String, org.spikering.hw.fixedpoint.OverflowCounter> overflow) {
        if (streams.isEmpty() && overflow.isEmpty()) {
            return null;
        }
        final ObjectNode r = Json.object();
        final ObjectNode st = r.putObject("streams");
        new java.util.TreeMap<>(streams).forEach((k, v) -> st.put(k, v.state()));
        final ObjectNode ov = r.putObject("overflow");
        new java.util.TreeMap<>(overflow).forEach((k, v) -> ov.putArray(k).add(v.saturations()).add(v.wraps()));
        return r;
    }

    /**
     * Restores the streams and counters a run has (by name) from this checkpoint.
     *
     * @param streams  the run's stochastic-rounding streams.
     * @param overflow the run's overflow counters.
     * @param option   the option naming the checkpoint, for messages.
     * @param where    the checkpoint, for messages.
     * @throws IllegalArgumentException one line if the checkpoint lacks one of them.
     */
    public void restoreRounding(final Map<String, org.spikering.hw.fixedpoint.RoundingStream> streams,
            final Map<String, org.spikering.hw.fixedpoint.OverflowCounter> overflow, final String option,
            final Object where) {
        if (rounding != null) {
            for (String part : new String[] {"streams", "overflow"}) {
                final Map<String, ?> run = part.equals("streams") ? streams : overflow;
                for (Iterator<String> it = rounding.path(part).fieldNames(); it.hasNext(); ) {
                    final String name = it.next();
                    if (!run.containsKey(name)) {
                        throw new IllegalArgumentException(option + " = '" + where + "': the checkpoint was made with"
                                + " a rounding " + (part.equals("streams") ? "stream " : "counter ") + name
                                + " that this command does not have (other hardware settings; settings must match to"
                                + " resume)");
                    }
                }
            }
        }
        for (Map.Entry<String, org.spikering.hw.fixedpoint.RoundingStream> e : streams.entrySet()) {
            final JsonNode n = rounding == null ? null : rounding.path("streams").get(e.getKey());
            if (n == null || !n.canConvertToLong()) {
                throw new IllegalArgumentException(option + " = '" + where + "': the checkpoint has no state of the"
                        + " rounding stream " + e.getKey() + " (made with other hardware settings; settings must match"
                        + " to resume)");
            }
            e.getValue().restore(n.longValue());
        }
        for (Map.Entry<String, org.spikering.hw.fixedpoint.OverflowCounter> e : overflow.entrySet()) {
            final JsonNode n = rounding == null ? null : rounding.path("overflow").get(e.getKey());
            if (n == null || n.size() != 2) {
                throw new IllegalArgumentException(option + " = '" + where + "': the checkpoint has no overflow count "
                        + e.getKey() + " (made with other hardware settings; settings must match to resume)");
            }
            e.getValue().restore(n.get(0).asLong(), n.get(1).asLong());
        }
    }

    /** Format name (version 1). */
    public static final String FORMAT = "spikering-train-checkpoint";
    /** File name inside the checkpoint folder. */
    public static final String FILE = "checkpoint.json";

    /** @param dir the checkpoint folder (created if missing); the file is replaced atomically. */
    public void write(final Path dir) {
        final ObjectNode o = Json.object();
        o.put("format", FORMAT);
        o.put("version", 1);
        o.set("model", model.toJson());
        final ArrayNode c = o.putArray("curve");
        for (IterationResult r : curve) {
            final ArrayNode row = c.addArray();
            row.add(r.iteration());
            row.add(r.loss());
            addOrNull(row, r.accuracy());
            addOrNull(row, r.meanRateHz()); // null: a rate network (no spikes)
        }
        final ArrayNode t = o.putArray("tests");
        for (double[] x : tests) {
            final ArrayNode row = t.addArray();
            for (double v : x) {
                addOrNull(row, v);
            }
        }
        if (last != null) {
            final ArrayNode l = o.putArray("last_test");
            addOrNull(l, last.loss());
            addOrNull(l, last.accuracy());
            addOrNull(l, last.meanRateHz());
        }
        final ArrayNode k = o.putArray("counters");
        for (long v : counters) {
            k.add(v);
        }
        o.put("wall_s", wallSeconds);
        if (rounding != null) {
            o.set("rounding", rounding);
        }
        if (stepLength != null) {
            final ArrayNode sl = o.putArray("step_length");
            for (double[] x : stepLength) {
                sl.addArray().add(x[0]).add(x[1]);
            }
        }
        if (analysis != null) {
            final ArrayNode an = o.putArray("analysis");
            for (double[] x : analysis) {
                final ArrayNode row = an.addArray();
                for (double v : x) {
                    addOrNull(row, v);
                }
            }
        }
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeBytes(dir.resolve(FILE), TrainedModel.bytes(o));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the checkpoint in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param option the option naming the checkpoint, for messages.
     * @param file   a checkpoint file.
     * @return the checkpoint.
     * @throws IllegalArgumentException one line naming the option if it cannot be read.
     */
    public static TrainCheckpoint read(final String option, final Path file) {
        try {
            final JsonNode o = TrainedModel.LOSSLESS.readTree(file.toFile());
            if (!FORMAT.equals(o.path("format").asText()) || o.path("version").asInt() != 1) {
                throw new IllegalArgumentException("is not a " + FORMAT + " version 1 file");
            }
            final TrainedModel model = TrainedModel.fromJson(o.get("model"));
            final List<IterationResult> curve = new ArrayList<>();
            for (JsonNode r : o.path("curve")) {
                curve.add(new IterationResult(r.get(0).asInt(), num(r.get(1)), num(r.get(2)), num(r.get(3))));
            }
            final List<double[]> tests = new ArrayList<>();
            for (JsonNode r : o.path("tests")) {
                final double[] x = new double[r.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = num(r.get(i));
                }
                tests.add(x);
            }
            final JsonNode l = o.get("last_test");
            final Evaluation last = l == null ? null : new Evaluation(num(l.get(0)), num(l.get(1)), num(l.get(2)));
            final long[] counters = new long[o.path("counters").size()];
            final Iterator<JsonNode> it = o.path("counters").elements();
            for (int i = 0; it.hasNext(); i++) {
                counters[i] = it.next().asLong();
            }
            if ((counters.length != 5 && counters.length != 6) || curve.size() != model.completed()) {
                throw new IllegalArgumentException("is inconsistent (" + curve.size() + " curve points for "
                        + model.completed() + " iterations, " + counters.length + " counters)");
            }
            final JsonNode r = o.get("rounding");
            List<double[]> stepLength = null;
            if (o.has("step_length")) {
                stepLength = new ArrayList<>();
                for (JsonNode x : o.get("step_length")) {
                    stepLength.add(new double[] {num(x.get(0)), num(x.get(1))});
                }
                if (stepLength.size() != curve.size()) {
                    throw new IllegalArgumentException("is inconsistent (" + stepLength.size() + " step lengths for "
                            + curve.size() + " curve points)");
                }
            }
            List<double[]> analysis = null;
            if (o.has("analysis")) {
                analysis = new ArrayList<>();
                for (JsonNode x : o.get("analysis")) {
                    final double[] row = new double[x.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = num(x.get(i));
                    }
                    analysis.add(row);
                }
            }
            return new TrainCheckpoint(model, curve, tests, last, counters, o.path("wall_s").asDouble(),
                    r instanceof ObjectNode ro ? ro : null, stepLength, analysis);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " = '" + file + "': cannot read the checkpoint ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(option + " = '" + file + "': the checkpoint " + e.getMessage());
        }
    }

    /** @param c counters to fill (fresh). */
    public void restoreCounters(final OperationCounters c) {
        c.addSpikes(counters[0]);
        c.addInputSpikes(counters[1]);
        c.addSynapticOps(counters[2]);
        c.addNeuronUpdates(counters[3]);
        c.addWeightUpdates(counters[4]);
        if (counters.length > 5) {
            c.addDenseMacs(counters[5]);
        }
    }

    /**
     * @param c counters of training so far (memory is counted only at the end, so it is not kept).
     * @return spikes, input spikes, synaptic operations, neuron updates, weight updates, and dense MACs when there
     *         are any (rate networks; checkpoints of spiking runs keep their five numbers).
     */
    public static long[] countersOf(final OperationCounters c) {
        return c.denseMacs() == 0
                ? new long[] {c.spikes(), c.inputSpikes(), c.synapticOps(), c.neuronUpdates(), c.weightUpdates()}
                : new long[] {c.spikes(), c.inputSpikes(), c.synapticOps(), c.neuronUpdates(), c.weightUpdates(),
                    c.denseMacs()};
    }

    /**
     * @param settings the settings of the command that wants to resume.
     * @param option   the option naming the checkpoint, for messages.
     * @param where    the checkpoint, for messages.
     * @throws IllegalArgumentException one line naming the first setting that differs.
     */
    public void checkSettings(final ObjectNode settings, final String option, final Object where) {
        final ObjectNode had = model.training();
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> e = it.next();
            final JsonNode h = had.get(e.getKey());
            if (!e.getValue().equals(h)) {
                throw new IllegalArgumentException(option + " = '" + where + "': the checkpoint was made with "
                        + e.getKey() + " = " + (h == null ? "(none)" : h.isTextual() ? h.asText() : h.toString())
                        + ", this command has " + (e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString())
                        + " (settings must match to resume)");
            }
        }
    }

    /** Appends {@code v}, or null if it is not finite (read back as NaN by {@link #num}). */
    private static void addOrNull(final ArrayNode a, final double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.addNull();
        }
    }

    private static double num(final JsonNode x) {
        return x == null || x.isNull() ? Double.NaN : x.doubleValue();
    }
}
