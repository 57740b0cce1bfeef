package org.spikering.app.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecException;
import org.spikering.app.spec.SweepSpec;

/**
 * The points of a sweep: the product of its axes (the spec's {@code sweep.axes}, then the command line's
 * {@code --grid} axes; the first axis outermost) times its seeds (innermost), each point a checked spec with its
 * runner. Building the plan builds and checks every point ({@link Spec#overriding}, then
 * {@link SpecRunner#check}) and reports the problems of every point at once, one line per problem naming the
 * point, before anything runs. A plan is a pure function of the spec and the axes: the same command gives the same
 * points, indices, folders and hashes in every process (a batch array's tasks, Spark executors, a resumed run).
 *
 * <p>Point k's seed is {@code first_seed + (k mod seeds)}: it comes from the point's place in the grid, never from
 * the order in which points run, so a sweep gives the same results whatever its parallelism.
 */
public final class SweepPlan {

    /** Most points of one sweep. */
    public static final int MAX_POINTS = 100_000;
    /** Most seeds per point. */
    public static final int MAX_SEEDS = 100_000;
    /** Fields removed from the sweep's spec for its points. */
    static final List<String> REMOVED = List.of("sweep", "output.folder");

    private final Spec spec;
    private final List<SweepAxis> axes;
    private final List<Long> seeds;
    private final List<SweepPoint> points;
    private final SweepSpec.Best best;

    private SweepPlan(final Spec spec, final List<SweepAxis> axes, final List<Long> seeds, final List<SweepPoint> points,
                      final SweepSpec.Best best) {
        this.spec = spec;
        this.best = best;
        this.axes = List.copyOf(axes);
        this.seeds = List.copyOf(seeds);
        this.points = List.copyOf(points);
    }

    /**
     * @param spec      the sweep's spec (with or without a {@code sweep} section).
     * @param extraAxes axes after the spec's, e.g. from {@code --grid} ({@link SweepAxis#parseGrid}).
     * @param seeds     runs per point of the axes, or null for the spec's {@code sweep.seeds} (default 1).
     * @param firstSeed the first seed, or null for the spec's {@code sweep.first_seed} (default: its {@code seed}).
     * @param runners   the runner of a point's spec (e.g. {@code SpecRunners::of}); may throw
     *                  {@link IllegalArgumentException} if no runner fits.
     * @return the plan, every point checked.
     * @throws SpecException listing every problem of every point (one line each, naming the point and the field).
     */
    public static SweepPlan of(final Spec spec, final List<SweepAxis> extraAxes, final Integer seeds, final Long firstSeed,
                               final Function<Spec, SpecRunner> runners) {
        final SweepSpec section = spec.has("sweep") ? spec.section("sweep", SweepSpec.class) : null;
        final List<SweepAxis> axes = new ArrayList<>();
        if (section != null) {
            for (int a = 0; a < section.axes().size(); a++) {
                axes.add(SweepAxis.of(section.axes().get(a), "sweep.axes[" + a + "]"));
            }
        }
        final List<String> problems = new ArrayList<>();
        final Map<String, String> fieldOrigin = new LinkedHashMap<>();
        for (SweepAxis a : axes) {
            a.fields().forEach(f -> fieldOrigin.put(f, a.origin()));
        }
        for (SweepAxis a : extraAxes) {
            for (String f : a.fields()) {
                if (fieldOrigin.containsKey(f)) {
                    problems.add(a.origin() + ": the field " + f + " must be the field of one axis only (it is already"
                            + " set by " + fieldOrigin.get(f) + ")");
                } else if (f.equals("seed")) {
                    problems.add(a.origin() + ": seed must not be an axis: --seeds and --first-seed (sweep.seeds,"
                            + " sweep.first_seed) are the seed axis");
                } else if (f.equals("sweep") || f.startsWith("sweep.") || f.equals("output") || f.startsWith("output.")
                        || f.equals("spikering")) {
                    problems.add(a.origin() + ": " + f + " must not be an axis (a point has no sweep section and writes"
                            + " into its own folder)");
                }
                fieldOrigin.put(f, a.origin());
            }
            axes.add(a);
        }
        final SweepSpec.Best best = section != null ? section.best() : null;
        if (best != null) {
            checkBest(best, axes, problems);
        }
        if (!problems.isEmpty()) {
            throw new SpecException(spec.source(), problems);
        }
        final int nSeeds = seeds != null ? seeds : section != null ? section.seeds() : 1;
        if (nSeeds < 1 || nSeeds > MAX_SEEDS) {
            throw new IllegalArgumentException("--seeds = " + nSeeds + ": must be in [1, " + MAX_SEEDS + "]");
        }
        final long first = firstSeed != null ? firstSeed
                : section != null && section.firstSeed() != null ? section.firstSeed() : spec.seed();
        final List<Long> seedList = new ArrayList<>();
        for (int s = 0; s < nSeeds; s++) {
            seedList.add(first + s);
        }
        long count = nSeeds;
        for (SweepAxis a : axes) {
            count *= a.size();
            if (count > MAX_POINTS) {
                break;
            }
        }
        if (count > MAX_POINTS) {
            final StringBuilder sizes = new StringBuilder();
            axes.forEach(a -> sizes.append(a.size()).append(" x "));
            throw new IllegalArgumentException("sweep of " + sizes + nSeeds + " seeds: " + (count > MAX_POINTS ? "more than "
                    + MAX_POINTS : count) + " points, must have at most " + MAX_POINTS);
        }
        final Spec base = spec.without(REMOVED);
        final Map<String, String> origins = new LinkedHashMap<>(fieldOrigin);
        origins.put("seed", seeds != null || firstSeed != null ? "--seeds/--first-seed" : "the sweep's seeds");
        final Map<String, List<Integer>> byProblem = new LinkedHashMap<>();
        final Map<Integer, String> labels = new LinkedHashMap<>();
        final List<SweepPoint> points = new ArrayList<>();
        final Set<String> folders = new HashSet<>();
        final int[] pos = new int[axes.size()];
        for (int k = 0; k < count; k++) {
            // k = ((pos[0] * n1 + pos[1]) * n2 + ...) * seeds + s
            long rest = k / nSeeds;
            for (int a = axes.size() - 1; a >= 0; a--) {
                pos[a] = (int) (rest % axes.get(a).size());
                rest /= axes.get(a).size();
            }
            final Map<String, JsonNode> params = new LinkedHashMap<>();
            for (int a = 0; a < axes.size(); a++) {
                final SweepAxis axis = axes.get(a);
                for (int f = 0; f < axis.fields().size(); f++) {
                    params.put(axis.fields().get(f), axis.values().get(pos[a]).get(f));
                }
            }
            final long seed = seedList.get(k % nSeeds);
            final Map<String, Object> fields = new LinkedHashMap<>(params);
            fields.put("seed", seed);
            final String folder = SweepNames.folder(params, seed);
            if (!folders.add(folder)) {
                throw new IllegalStateException("sweep: two points get the folder name " + folder + " (a bug)");
            }
            final SweepPoint probe = new SweepPoint(k, params, seed, null, null, folder, null, 0);
            labels.put(k, probe.label());
            final List<String> lines = new ArrayList<>();
            Spec ps = null;
            SpecRunner runner = null;
            double memory = 0;
            try {
                ps = base.overriding(fields, origins);
                runner = runners.apply(ps);
                runner.check(ps);
                memory = runner.memoryBytes(ps);
            } catch (SpecException e) {
                for (String line : e.problems()) {
                    lines.add(stripSource(line, spec.source()));
                }
            } catch (IllegalArgumentException e) {
                lines.add(stripSource(String.valueOf(e.getMessage()), spec.source()));
            }
            for (String line : lines) {
                for (String l : line.split("\n")) {
                    byProblem.computeIfAbsent(stripSource(l, spec.source()), x -> new ArrayList<>()).add(k);
                }
            }
            if (lines.isEmpty()) {
                points.add(new SweepPoint(k, params, seed, ps, SweepNames.sha256(ps.canonicalJson()), folder, runner, memory));
            }
        }
        if (!byProblem.isEmpty()) {
            final List<String> out = new ArrayList<>();
            final int n = (int) count;
            byProblem.forEach((line, ks) -> out.add(pointsText(ks, labels, n) + ": " + line));
            throw new SpecException(spec.source(), out);
        }
        return new SweepPlan(spec, axes, seedList, points, best);
    }

    /** The selection's fields must be axis fields: {@code over} of one axis, {@code split} of another. */
    private static void checkBest(final SweepSpec.Best best, final List<SweepAxis> axes, final List<String> problems) {
        final List<String> all = new ArrayList<>();
        axes.forEach(a -> all.addAll(a.fields()));
        final SweepAxis over = axisOf(axes, best.over());
        if (over == null) {
            problems.add("sweep.best.over: '" + best.over() + "': must be the field of one of the sweep's axes ("
                    + (all.isEmpty() ? "it has none" : String.join(", ", all)) + ")");
            return;
        }
        if (best.split() != null) {
            final SweepAxis split = axisOf(axes, best.split());
            if (split == null || split == over) {
                problems.add("sweep.best.split: '" + best.split() + "': must be the field of another axis than over's ("
                        + String.join(", ", all.stream().filter(f -> !over.fields().contains(f)).toList()) + ")");
            }
        }
        if (best.goal() != null && !best.goal().equals("max") && !best.goal().equals("min")) {
            problems.add("sweep.best.goal: '" + best.goal() + "': must be max or min");
        }
        if (best.column() != null && best.curve() == null) {
            problems.add("sweep.best.column: '" + best.column() + "': needs sweep.best.curve (the file it is a column of)");
        }
    }

    /** @return the axis with the field, or null. */
    static SweepAxis axisOf(final List<SweepAxis> axes, final String field) {
        for (SweepAxis a : axes) {
            if (a.fields().contains(field)) {
                return a;
            }
        }
        return null;
    }

    private static String stripSource(final String line, final String source) {
        String l = line;
        while (l.startsWith(source + ": ")) {
            l = l.substring(source.length() + 2);
        }
        return l;
    }

    /** @return {@code point 3 (training.rule=x, seed=1)}, or {@code points 0, 1, 2 (3 of 12)}. */
    private static String pointsText(final List<Integer> ks, final Map<Integer, String> labels, final int count) {
        if (ks.size() == 1) {
            return "point " + ks.get(0) + " (" + labels.get(ks.get(0)) + ")";
        }
        final StringBuilder b = new StringBuilder(ks.size() == count ? "every point (" + count + ")" : "points ");
        if (ks.size() < count) {
            for (int i = 0; i < Math.min(ks.size(), 8); i++) {
                b.append(i > 0 ? ", " : "").append(ks.get(i));
            }
            b.append(ks.size() > 8 ? ", ..." : "").append(" (").append(ks.size()).append(" of ").append(count).append(')');
        }
        return b.toString();
    }

    /** @return the sweep's spec (with its {@code sweep} section, if it has one). */
    public Spec spec() {
        return spec;
    }

    /** @return the axes, in order (the first outermost). */
    public List<SweepAxis> axes() {
        return axes;
    }

    /** @return every axis field, in axis order (a zipped axis gives several). */
    public List<String> fields() {
        final List<String> f = new ArrayList<>();
        axes.forEach(a -> f.addAll(a.fields()));
        return f;
    }

    /** @return the selection over one axis ({@code sweep.best}), or null. */
    public SweepSpec.Best best() {
        return best;
    }

    /** @return the seeds of each point of the axes. */
    public List<Long> seeds() {
        return seeds;
    }

    /** @return the number of points. */
    public int size() {
        return points.size();
    }

    /**
     * @param k a point index.
     * @return point k.
     * @throws IllegalArgumentException naming {@code --point} if there is no such point.
     */
    public SweepPoint point(final int k) {
        if (k < 0 || k >= points.size()) {
            throw new IllegalArgumentException("--point = " + k + ": must be in [0, " + (points.size() - 1) + "] (the sweep has "
                    + points.size() + " point" + (points.size() == 1 ? "" : "s") + "; --list shows them)");
        }
        return points.get(k);
    }

    /** @return every point, by index. */
    public List<SweepPoint> points() {
        return points;
    }
}
