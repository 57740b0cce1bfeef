package org.spikering.app.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikering.app.report.Json;

/**
 * The result of one complete sweep point: one row of the results table, and the content of the point's
 * {@value SweepFolder#POINT_FILE}. As JSON ({@link #toJson}, one line of {@code results.jsonl}):
 * <pre>{"point": 0, "folder": "...", "params": {"training.rule": "eprop"}, "seed": 1, "command": "train",
 *  "summary": {...}, "wall_time_s": 1.25, "spec_hash": "3fa9..."}</pre>
 *
 * @param point     the point's index in the plan.
 * @param folder    its folder name under {@code points/}.
 * @param params    its axis values, in axis order.
 * @param seed      its seed.
 * @param command   the runner's command ({@code train}, {@code run}, {@code reservoir}).
 * @param summary   what the run returned, nested mappings flattened to dotted keys ({@code hardware.energy_j}); values
 *                  are numbers, strings, booleans, lists or null.
 * @param wallTimeS seconds the run took.
 * @param specHash  SHA-256 of the point's resolved spec.
 */
public record SweepRow(int point, String folder, Map<String, JsonNode> params, long seed, String command,
                       Map<String, JsonNode> summary, double wallTimeS, String specHash) {

    private static final ObjectMapper COMPACT = new ObjectMapper();

    /** Keeps the maps in order, unmodifiable. */
    public SweepRow {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    }

    /**
     * @param p         the point.
     * @param summary   what its run returned.
     * @param wallTimeS seconds it took.
     * @return its row.
     */
    static SweepRow of(final SweepPoint p, final Map<String, Object> summary, final double wallTimeS) {
        final Map<String, JsonNode> s = new LinkedHashMap<>();
        flatten("", Json.MAPPER.valueToTree(summary), s);
        return new SweepRow(p.index(), p.folder(), p.params(), p.seed(), p.runner().command(), s, wallTimeS, p.hash());
    }

    /** @return the row as a JSON object (keys in the order documented above). */
    public ObjectNode toJson() {
        final ObjectNode o = Json.object();
        o.put("point", point);
        o.put("folder", folder);
        final ObjectNode p = o.putObject("params");
        params.forEach(p::set);
        o.put("seed", seed);
        o.put("command", command);
        final ObjectNode s = o.putObject("summary");
        summary.forEach(s::set);
        o.put("wall_time_s", wallTimeS);
        o.put("spec_hash", specHash);
        return o;
    }

    /** @return {@link #toJson} on one line (a line of {@code results.jsonl}). */
    public String toJsonLine() {
        return Json.oneLine(toJson());
    }

    /**
     * @param json a row as {@link #toJson} writes it (extra keys, e.g. a file's format marker, are ignored).
     * @return the row.
     * @throws IllegalArgumentException if it is not one.
     */
    public static SweepRow fromJson(final JsonNode json) {
        if (!json.path("point").isInt() || !json.path("folder").isTextual() || !json.path("params").isObject()
                || !json.path("seed").isIntegralNumber() || !json.path("command").isTextual()
                || !json.path("summary").isObject() || !json.path("wall_time_s").isNumber()
                || !json.path("spec_hash").isTextual()) {
            throw new IllegalArgumentException("not a sweep row: " + Json.oneLine(json));
        }
        return new SweepRow(json.get("point").asInt(), json.get("folder").asText(), fields(json.get("params")),
                json.get("seed").asLong(), json.get("command").asText(), fields(json.get("summary")),
                json.get("wall_time_s").asDouble(), json.get("spec_hash").asText());
    }

    /**
     * @param line a line of {@code results.jsonl} ({@link #toJsonLine}).
     * @return the row.
     */
    public static SweepRow fromJsonLine(final String line) {
        try {
            return fromJson(COMPACT.readTree(line));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a sweep row: " + e.getOriginalMessage());
        }
    }

    /**
     * @param index the point's index in the current plan (a plan with other axes may put the same point elsewhere).
     * @return this row at that index.
     */
    SweepRow at(final int index) {
        return index == point ? this : new SweepRow(index, folder, params, seed, command, summary, wallTimeS, specHash);
    }

    /** Nested mappings become dotted keys ({@code hardware.energy_j}); lists and nulls stay values. */
    private static void flatten(final String prefix, final JsonNode node, final Map<String, JsonNode> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            final Map.Entry<String, JsonNode> e = it.next();
            final String key = prefix + e.getKey();
            if (e.getValue().isObject() && e.getValue().size() > 0) {
                flatten(key + ".", e.getValue(), out);
            } else {
                out.put(key, e.getValue());
            }
        }
    }

    private static Map<String, JsonNode> fields(final JsonNode o) {
        final Map<String, JsonNode> m = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }
}
