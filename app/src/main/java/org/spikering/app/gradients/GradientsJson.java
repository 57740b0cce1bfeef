package org.spikering.app.gradients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.spikering.app.report.Json;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentSpikingNetwork;

/**
 * JSON form of a network, a batch and gradients ("spikering-gradients/1"). Matrices are flat row-major arrays
 * [post][pre] with their shape given by the network sizes: w_in [rec×in], w_rec [rec×rec], w_out [out×rec],
 * feedback [rec×out]; batch arrays input_spikes [b][t][i], targets [b][t][k], loss_mask [b][t].
 */
public final class GradientsJson {
    public static final String FORMAT = "spikering-gradients/1";

    private GradientsJson() {
    }

    public static ObjectNode network(RecurrentSpikingNetwork net, double[] feedback) {
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
        ArrayNode ad = o.putArray("adaptive");
        for (boolean b : net.adaptiveFlags()) {
            ad.add(b);
        }
        array(o, "w_in", net.wIn());
        array(o, "w_rec", net.wRec());
        array(o, "w_out", net.wOut());
        if (feedback != null) {
            array(o, "feedback", feedback);
        }
        return o;
    }

    public static RecurrentSpikingNetwork readNetwork(JsonNode o) {
        JsonNode pp = need(o, "params");
        NetworkParams p = new NetworkParams(num(pp, "dt_ms"), num(pp, "tau_m_ms"), num(pp, "v_th_mV"),
                need(pp, "refractory_steps").asInt(), need(pp, "regular_spike_arrival").asBoolean(),
                num(pp, "surrogate_gamma"), num(pp, "surrogate_beta"), num(pp, "tau_adapt_ms"), num(pp, "beta_adapt"),
                num(pp, "tau_out_ms"), num(pp, "c_reg"), num(pp, "f_target_Hz"));
        int nRec = need(o, "recurrent").asInt();
        boolean[] adaptive = new boolean[nRec];
        JsonNode ad = o.get("adaptive");
        if (ad != null) {
            if (ad.size() != nRec) {
                throw new IllegalArgumentException("network.adaptive has " + ad.size() + " entries: must be recurrent = " + nRec);
            }
            for (int j = 0; j < nRec; j++) {
                adaptive[j] = ad.get(j).asBoolean();
            }
        }
        return new RecurrentSpikingNetwork(need(o, "inputs").asInt(), nRec, need(o, "outputs").asInt(), adaptive, p,
                doubles(o, "w_in"), doubles(o, "w_rec"), doubles(o, "w_out"));
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
        JsonNode xs = need(o, "input_spikes");
        float[] x = new float[xs.size()];
        for (int n = 0; n < x.length; n++) {
            x[n] = (float) xs.get(n).asDouble();
        }
        JsonNode ms = need(o, "loss_mask");
        boolean[] m = new boolean[ms.size()];
        for (int n = 0; n < m.length; n++) {
            m[n] = ms.get(n).asBoolean();
        }
        return new SequenceBatch(need(o, "batch_size").asInt(), need(o, "steps").asInt(), need(o, "inputs").asInt(),
                need(o, "outputs").asInt(), x, doubles(o, "targets"), m, LossKind.valueOf(need(o, "loss").asText()));
    }

    static void array(ObjectNode o, String name, double[] a) {
        ArrayNode arr = o.putArray(name);
        for (double v : a) {
            arr.add(Json.finite(name, v));
        }
    }

    static double[] doubles(JsonNode o, String name) {
        JsonNode a = need(o, name);
        double[] out = new double[a.size()];
        for (int n = 0; n < out.length; n++) {
            out[n] = a.get(n).asDouble();
        }
        return out;
    }

    private static double num(JsonNode o, String name) {
        return need(o, name).asDouble();
    }

    private static JsonNode need(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("JSON field '" + name + "' is missing");
        }
        return v;
    }
}
