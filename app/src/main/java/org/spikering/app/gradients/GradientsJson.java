package org.spikering.app.gradients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.spikering.app.report.Json;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;

/**
 * JSON form of a network, a batch and gradients ("spikering-gradients/1"). Matrices are flat row-major arrays
 * [post][pre] with their shape given by the network sizes: w_in [rec×in], w_rec [rec×rec], w_out [out×rec],
 * feedback [rec×out]; batch arrays input_spikes [b][t][i], targets [b][t][k], loss_mask [b][t].
 */
public final class GradientsJson {
    public static final String FORMAT = "spikering-gradients/1";

    private GradientsJson() {
    }

    public static ObjectNode network(RecurrentNetwork net, double[] feedback) {
        ObjectNode o = Json.object();
        o.put("inputs", net.inputs());
        o.put("recurrent", net.recurrent());
        o.put("outputs", net.outputs());
        NetworkParams p = net.params();
        ObjectNode pp = o.putObject("params");
        pp.put("dt_ms", p.dtMs());
        pp.put("tau_m_ms", p.tauMembraneMs());
        pp.put("v_th_mV", p.thresholdMv());
        pp.put("refractory_steps", p.refractorySteps());
        pp.put("regular_spike_arrival", p.regularSpikeArrival());
        pp.put("surrogate_gamma", p.surrogateGamma());
        pp.put("surrogate_beta", p.surrogateBeta());
        pp.put("tau_adapt_ms", p.tauAdaptMs());
        pp.put("beta_adapt", p.betaAdapt());
        pp.put("tau_out_ms", p.tauReadoutMs());
        pp.put("c_reg", p.cReg());
        pp.put("f_target_Hz", p.fTargetHz());
        if (p.surrogate() != org.spikering.neuron.SurrogateGradient.PIECEWISE_LINEAR) {
            pp.put("surrogate", p.surrogate().externalName()); // absent: piecewise_linear (files of before)
        }
        ArrayNode ad = o.putArray("adaptive");
        for (boolean b : net.adaptiveFlags()) {
            ad.add(b);
        }
        array(o, "w_in", net.wIn());
        array(o, "w_rec", net.wRec());
        array(o, "w_out", net.wOut());
        // absent: a spiking network without cell types (files of before)
        if (net.isRate()) {
            o.put("kind", "rate");
            final org.spikering.plasticity.network.RateUnits r = net.rateUnits();
            final ObjectNode ro = o.putObject("rate");
            ro.put("activation", r.activation().id());
            ro.put("tau_ms", r.tauMs());
            ro.put("form", r.form().id());
            ro.put("bias", r.bias());
        }
        if (net.cellTypes() != null) {
            o.putObject("cell_types").put("excitatory", net.cellTypes().excitatory());
        }
        if (feedback != null) {
            array(o, "feedback", feedback);
        }
        return o;
    }

    public static RecurrentNetwork readNetwork(JsonNode o) {
        JsonNode pp = need(o, "params");
        NetworkParams p = new NetworkParams(num(pp, "dt_ms"), num(pp, "tau_m_ms"), num(pp, "v_th_mV"),
                integer(pp, "refractory_steps", 0, 1_000_000), bool(pp, "regular_spike_arrival"),
                num(pp, "surrogate_gamma"), num(pp, "surrogate_beta"), num(pp, "tau_adapt_ms"), num(pp, "beta_adapt"),
                num(pp, "tau_out_ms"), num(pp, "c_reg"), num(pp, "f_target_Hz"),
                pp.hasNonNull("surrogate") ? org.spikering.neuron.SurrogateGradient.byName(pp.get("surrogate").asText())
                        : org.spikering.neuron.SurrogateGradient.PIECEWISE_LINEAR);
        int nRec = integer(o, "recurrent", 1, MAX_SIZE);
        boolean[] adaptive = new boolean[nRec];
        JsonNode ad = o.get("adaptive");
        if (ad != null) {
            if (!ad.isArray() || ad.size() != nRec) {
                throw new IllegalArgumentException("network.adaptive has " + ad.size() + " entries: must be recurrent = " + nRec);
            }
            for (int j = 0; j < nRec; j++) {
                if (!ad.get(j).isBoolean()) {
                    throw new IllegalArgumentException("network.adaptive[" + j + "] = " + ad.get(j) + ": must be true or false");
                }
                adaptive[j] = ad.get(j).asBoolean();
            }
        }
        return new RecurrentNetwork(integer(o, "inputs", 1, MAX_SIZE), nRec, integer(o, "outputs", 1, MAX_SIZE), adaptive, p,
                doubles(o, "w_in"), doubles(o, "w_rec"), doubles(o, "w_out"), readRateUnits(o),
                o.has("cell_types") ? new org.spikering.plasticity.network.CellTypes(
                        integer(need(o, "cell_types"), "excitatory", 0, nRec), nRec) : null);
    }

    /** The rate units of a network document ({@code kind: rate}), or null (kind spiking or absent: LIF/ALIF). */
    private static org.spikering.plasticity.network.RateUnits readRateUnits(JsonNode o) {
        final String kind = o.path("kind").asText("spiking");
        if ("spiking".equals(kind)) {
            return null;
        }
        if (!"rate".equals(kind)) {
            throw new IllegalArgumentException("network.kind = '" + kind + "': must be spiking or rate");
        }
        final JsonNode r = need(o, "rate");
        final String form = r.path("form").asText();
        if (!"rate_leak".equals(form) && !"current_leak".equals(form)) {
            throw new IllegalArgumentException("network.rate.form = '" + form + "': must be rate_leak or current_leak");
        }
        return new org.spikering.plasticity.network.RateUnits(
                org.spikering.neuron.rate.RateActivation.of(r.path("activation").asText()), num(r, "tau_ms"),
                org.spikering.neuron.rate.LeakyRateUnit.Form.valueOf(form.toUpperCase(java.util.Locale.ROOT)),
                num(r, "bias"));
    }

    /** The fixed feedback matrix of the network document, or null. */
    public static double[] readFeedback(JsonNode o) {
        return o.has("feedback") ? doubles(o, "feedback") : null;
    }

    public static ObjectNode batch(SequenceBatch b) {
        ObjectNode o = Json.object();
        o.put("batch_size", b.batchSize());
        o.put("steps", b.steps());
        o.put("inputs", b.inputs());
        o.put("outputs", b.outputs());
        o.put("loss", b.loss().name());
        ArrayNode x = o.putArray("input_spikes");
        for (float f : b.inputSpikes()) {
            x.add(f);
        }
        array(o, "targets", b.targets());
        ArrayNode m = o.putArray("loss_mask");
        for (boolean v : b.lossMask()) {
            m.add(v);
        }
        return o;
    }

    public static SequenceBatch readBatch(JsonNode o) {
        final int batchSize = integer(o, "batch_size", 1, MAX_SIZE);
        final int steps = integer(o, "steps", 1, MAX_SIZE);
        final int inputs = integer(o, "inputs", 1, MAX_SIZE);
        final int outputs = integer(o, "outputs", 1, MAX_SIZE);
        JsonNode xs = array(o, "input_spikes", (long) batchSize * steps * inputs);
        float[] x = new float[xs.size()];
        for (int n = 0; n < x.length; n++) {
            x[n] = (float) number(xs.get(n), "input_spikes[" + n + "]");
        }
        JsonNode ms = array(o, "loss_mask", (long) batchSize * steps);
        boolean[] m = new boolean[ms.size()];
        for (int n = 0; n < m.length; n++) {
            if (!ms.get(n).isBoolean()) {
                throw new IllegalArgumentException("JSON field 'loss_mask[" + n + "]' = " + ms.get(n) + ": must be true or false");
            }
            m[n] = ms.get(n).asBoolean();
        }
        final String loss = need(o, "loss").asText();
        final LossKind kind;
        try {
            kind = LossKind.valueOf(loss);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("JSON field 'loss' = '" + loss + "': must be one of "
                    + java.util.Arrays.toString(LossKind.values()));
        }
        return new SequenceBatch(batchSize, steps, inputs, outputs, x, doubles(o, "targets"), m, kind);
    }

    static void array(ObjectNode o, String name, double[] a) {
        ArrayNode arr = o.putArray(name);
        for (double v : a) {
            arr.add(Json.finite(name, v));
        }
    }

    static double[] doubles(JsonNode o, String name) {
        JsonNode a = need(o, name);
        if (!a.isArray()) {
            throw new IllegalArgumentException("JSON field '" + name + "': must be an array of numbers");
        }
        double[] out = new double[a.size()];
        for (int n = 0; n < out.length; n++) {
            out[n] = number(a.get(n), name + "[" + n + "]");
        }
        return out;
    }

    /** Largest size (neurons, steps, sequences) read from a document. */
    static final int MAX_SIZE = 10_000_000;

    private static double num(JsonNode o, String name) {
        return number(need(o, name), name);
    }

    /** A finite JSON number; a string, boolean or null is an error (Jackson's asDouble would read 0). */
    private static double number(JsonNode v, String name) {
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException("JSON field '" + name + "' = " + v + ": must be a finite number");
        }
        return v.asDouble();
    }

    private static int integer(JsonNode o, String name, int min, int max) {
        JsonNode v = need(o, name);
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw new IllegalArgumentException("JSON field '" + name + "' = " + v + ": must be an integer in [" + min
                    + ", " + max + "]");
        }
        return v.asInt();
    }

    private static boolean bool(JsonNode o, String name) {
        JsonNode v = need(o, name);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("JSON field '" + name + "' = " + v + ": must be true or false");
        }
        return v.asBoolean();
    }

    private static JsonNode array(JsonNode o, String name, long expected) {
        JsonNode a = need(o, name);
        if (!a.isArray() || a.size() != expected) {
            throw new IllegalArgumentException("JSON field '" + name + "': must be an array of " + expected
                    + " entries (from the sizes)" + (a.isArray() ? ", has " + a.size() : ""));
        }
        return a;
    }

    private static JsonNode need(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("JSON field '" + name + "' is missing");
        }
        return v;
    }
}
