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
 * operation counters of training so far and the wall time spent. Nothing else carries over between iterations:
 * batch n is drawn from its own seed ({@link BatchSeeds}), the gradient computers keep only scratch buffers and
 * their random feedback is fixed by the seed, and the weight-change counter starts from the restored weights.
 * Written atomically (one file, temp + rename); NaN (the batch accuracy of regression tasks) is stored as null.
 *
 * @param model     weights, optimizer state and settings after {@code model.completed()} iterations.
 * @param curve     one result per completed iteration.
 * @param tests     test evaluations so far, each {iteration, accuracy, loss per scored step}.
 * @param last      the last test evaluation, or null.
 * @param counters  spikes, input spikes, synaptic operations, neuron updates, weight updates of training so far.
 * @param wallSeconds wall time of the training loop so far.
 */
public record TrainCheckpoint(TrainedModel model, List<IterationResult> curve, List<double[]> tests, Evaluation last,
                              long[] counters, double wallSeconds) {

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
            row.add(r.meanRateHz());
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
            if (counters.length != 5 || curve.size() != model.completed()) {
                throw new IllegalArgumentException("is inconsistent (" + curve.size() + " curve points for "
                        + model.completed() + " iterations, " + counters.length + " counters)");
            }
            return new TrainCheckpoint(model, curve, tests, last, counters, o.path("wall_s").asDouble());
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
    }

    /**
     * @param c counters of training so far (memory is counted only at the end, so it is not kept).
     * @return spikes, input spikes, synaptic operations, neuron updates, weight updates.
     */
    public static long[] countersOf(final OperationCounters c) {
        return new long[] {c.spikes(), c.inputSpikes(), c.synapticOps(), c.neuronUpdates(), c.weightUpdates()};
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
