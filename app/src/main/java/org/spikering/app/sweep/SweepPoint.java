package org.spikering.app.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikering.app.spec.Spec;

/**
 * One point of a sweep: a normal run of {@link #spec} (the sweep's spec with the point's fields and seed set and the
 * {@code sweep} section and {@code output.folder} removed) by {@link #runner}.
 *
 * @param index  position in the plan (the first axis outermost, the seeds innermost), from 0.
 * @param params the point's value of every axis field, in axis order (the seed not included).
 * @param seed   the point's seed (the spec's top-level {@code seed}).
 * @param spec   the point's spec, checked.
 * @param hash   SHA-256 (hex) of the point's full resolved spec ({@link Spec#canonicalJson}: fields in name order): what marks it complete.
 * @param folder its folder's name under {@code points/} of the sweep folder ({@link SweepNames}).
 * @param runner what runs it.
 * @param memoryBytes the runner's estimate of its peak heap bytes.
 */
public record SweepPoint(int index, Map<String, JsonNode> params, long seed, Spec spec, String hash, String folder,
                         SpecRunner runner, double memoryBytes) {

    /** Keeps the parameters in order, unmodifiable. */
    public SweepPoint {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** @return {@code training.rule=eprop, seed=3}: the point in messages. */
    public String label() {
        final StringBuilder b = new StringBuilder();
        params.forEach((f, v) -> b.append(f).append('=').append(SweepNames.text(v)).append(", "));
        return b.append("seed=").append(seed).toString();
    }
}
