package org.spikering.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.spikering.app.report.Json;
import org.spikering.app.report.Progress;
import org.spikering.app.spec.OutputSpec;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecLoader;
import org.spikering.app.sweep.SpecRunner;
import org.spikering.app.sweep.SpecRunners;
import org.spikering.app.sweep.SweepAxis;
import org.spikering.app.sweep.SweepExecutor;
import org.spikering.app.sweep.SweepLedger;
import org.spikering.app.sweep.SweepFolder;
import org.spikering.app.sweep.SweepNames;
import org.spikering.app.sweep.SweepPlan;
import org.spikering.app.sweep.SweepPoint;
import org.spikering.app.sweep.SweepRow;
import org.spikering.app.sweep.SweepTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spikering sweep SPEC}: runs every point of a grid over a spec's fields, each point a normal run (train, run or
 * reservoir, by the spec's sections) in its own folder, and writes one results table and summary plots
 * ({@link SweepFolder}). Points run in parallel in this JVM ({@link SweepExecutor}); a sweep started again with the
 * same command skips its complete points. {@code --list}, {@code --point K} and {@code --collect} split a sweep over
 * the tasks of a batch scheduler: {@code sbatch --array=0-N spikering sweep SPEC --point $SLURM_ARRAY_TASK_ID}, then
 * {@code spikering sweep SPEC --collect}.
 *
 * <p>Other front ends (the Spark module) parse the same arguments with {@link #prepare} and run points with
 * {@link SweepFolder#run}, so every front end builds the same plan and the same table.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run every point of a grid over a spec's fields (each a normal train/run/reservoir run in its own"
                + " folder) and write results.csv, results.jsonl and plots of each metric against each axis.",
            "Started again with the same command, it skips the complete points. For batch schedulers: --list, --point K,"
                + " --collect."})
public final class SweepCommand implements Callable<Integer> {

    /** The default output folder. */
    static final Path DEFAULT_OUT = Path.of("spikering-out", "sweep");
    /** Most points running at once. */
    static final int MAX_PARALLEL = 256;

    /** The runner of a point's spec: train, reservoir or run, by its sections. */
    static final Function<Spec, SpecRunner> RUNNERS = SpecRunners::of;

    @Parameters(index = "0", paramLabel = "SPEC", description = "a spec file (YAML or JSON), or a shipped example's name;"
            + " its sweep section (if any) gives axes and seeds")
    String specFile;

    @Option(names = "--grid", paramLabel = "FIELD=V1,V2,...", description = "an axis: the field and its values, each read"
            + " as YAML (e.g. training.rule=eprop,bptt or training.iterations=5,10); repeatable, the points are the product"
            + " (after the spec's sweep.axes)")
    List<String> grid = new ArrayList<>();

    @Option(names = "--seeds", description = "runs of each point with seeds S, S+1, ... (sweep.seeds; default 1), in"
            + " [1, 100000]")
    Integer seeds;

    @Option(names = "--first-seed", paramLabel = "S", description = "the first seed (sweep.first_seed; default: the spec's"
            + " seed)")
    Long firstSeed;

    @Option(names = "--parallel", paramLabel = "N|auto", description = "points running at once in this JVM, in [1, 256],"
            + " or auto: as many as cores and the heap allow (default auto)")
    String parallel = "auto";

    @Option(names = "--out", description = "the sweep's folder (output.folder; default spikering-out/sweep): new, empty or"
            + " an earlier sweep's folder (its complete points are kept)")
    Path out;

    @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "override one field of the spec for every point,"
            + " e.g. training.iterations=20 (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--list", description = "print the points (index, parameters, seed, spec hash, folder, status) as a"
            + " tab-separated table and exit")
    boolean list;

    @Option(names = "--point", paramLabel = "K", description = "run point K only (no table; skipped if complete): one task"
            + " of a batch array")
    Integer point;

    @Option(names = "--collect", description = "write the results table and plots from the complete points and list the"
            + " missing ones (after --point runs)")
    boolean collect;

    @CommandLine.Spec
    CommandSpec command;

    /** What {@code spikering sweep} does with a plan. */
    public enum Action {
        /** Run every point that is not complete, in this JVM. */
        RUN,
        /** Print the points. */
        LIST,
        /** Run one point. */
        POINT,
        /** Write the table from the complete points. */
        COLLECT
    }

    /**
     * A checked sweep command line.
     *
     * @param plan     the points, each checked.
     * @param folder   the sweep's folder (not created yet).
     * @param action   what to do.
     * @param point    the point of {@link Action#POINT}, else -1.
     * @param parallel points at once for {@link Action#RUN}.
     */
    public record Prepared(SweepPlan plan, SweepFolder folder, Action action, int point, int parallel) {
    }

    @Override
    public Integer call() {
        return execute(prepared(RUNNERS), command.commandLine().getOut());
    }

    /**
     * Parses {@code spikering sweep} arguments and checks them and every point, as the command does, writing nothing.
     *
     * @param runners the runner of a point's spec.
     * @param args    the arguments after {@code sweep}.
     * @return the checked command line.
     * @throws IllegalArgumentException (or {@link org.spikering.app.spec.SpecException}) with one line per problem.
     */
    public static Prepared prepare(final Function<Spec, SpecRunner> runners, final String... args) {
        final SweepCommand c = new SweepCommand();
        final CommandLine cl = new CommandLine(c);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return c.prepared(runners);
    }

    private Prepared prepared(final Function<Spec, SpecRunner> runners) {
        final Action action = action();
        if (seeds != null) {
            Check.range("--seeds", seeds, 1, SweepPlan.MAX_SEEDS);
        }
        final int par = parallel();
        if (out != null) {
            Check.outputFolder("--out", out);
        }
        final List<SweepAxis> axes = new ArrayList<>();
        for (String g : grid) {
            axes.add(SweepAxis.parseGrid("--grid", g));
        }
        final Spec spec = SpecLoader.load(specFile, sets);
        final OutputSpec output = spec.section("output", OutputSpec.class);
        final boolean fromSpec = out == null && output != null && output.folder() != null;
        final Path dir = out != null ? out : fromSpec ? Path.of(output.folder()) : DEFAULT_OUT;
        final String option = fromSpec ? "output.folder" : "--out";
        Check.outputFolder(option, dir);
        final SweepFolder folder = SweepFolder.open(option, dir);
        final SweepPlan plan = SweepPlan.of(spec, axes, seeds, firstSeed, runners);
        if (action == Action.POINT) {
            plan.point(point);
        }
        if (action == Action.RUN || action == Action.POINT) {
            SweepPoint largest = null;
            for (SweepPoint p : action == Action.POINT ? List.of(plan.point(point)) : plan.points()) {
                if (largest == null || p.memoryBytes() > largest.memoryBytes()) {
                    largest = p;
                }
            }
            if (largest != null) {
                MemoryBudget.require(spec.source() + ": point " + largest.index() + " (" + largest.label() + ")",
                        largest.memoryBytes());
            }
        }
        final int threads = par > 0 ? par : Math.max(1, Runtime.getRuntime().availableProcessors());
        return new Prepared(plan, folder, action, action == Action.POINT ? point : -1, threads);
    }

    private Action action() {
        final List<String> given = new ArrayList<>();
        if (list) {
            given.add("--list");
        }
        if (point != null) {
            given.add("--point = " + point);
        }
        if (collect) {
            given.add("--collect");
        }
        if (given.size() > 1) {
            throw new IllegalArgumentException(String.join(" with ", given) + ": must be given alone (--list prints the"
                    + " points, --point K runs one, --collect writes the table)");
        }
        if (point != null && point < 0) {
            throw new IllegalArgumentException("--point = " + point + ": must be >= 0 (a point index; --list shows them)");
        }
        return list ? Action.LIST : point != null ? Action.POINT : collect ? Action.COLLECT : Action.RUN;
    }

    /** @return --parallel as a number, or 0 for auto. */
    private int parallel() {
        final String p = parallel == null ? "" : parallel.strip();
        if (p.equalsIgnoreCase("auto")) {
            return 0;
        }
        final int n;
        try {
            n = Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--parallel = '" + parallel + "': must be auto or a number of points in [1, "
                    + MAX_PARALLEL + "]");
        }
        return Check.range("--parallel", n, 1, MAX_PARALLEL);
    }

    /**
     * Does what a checked command line asks and prints its result line(s) on {@code out}.
     *
     * @param p   the checked command line.
     * @param out where the result goes (stdout).
     * @return the exit code: 0, or 2 if a point failed.
     */
    public static int execute(final Prepared p, final PrintWriter out) {
        switch (p.action()) {
            case LIST:
                out.print(listing(p.plan(), p.folder()));
                out.flush();
                return 0;
            case POINT: {
                final SweepPoint pt = p.plan().point(p.point());
                p.folder().prepare(p.plan());
                SweepRow row = p.folder().completeRow(pt);
                final boolean skipped = row != null;
                if (!skipped) {
                    row = p.folder().run(pt);
                }
                final ObjectNode o = row.toJson();
                o.put("skipped", skipped);
                out.println(Json.oneLine(o));
                out.flush();
                return 0;
            }
            case COLLECT: {
                final SweepTable t = p.folder().collect(p.plan());
                final ObjectNode o = Json.object();
                o.put("sweep", p.folder().root().toString());
                o.put("points", p.plan().size());
                o.put("complete", t.rows().size());
                final ArrayNode missing = o.putArray("missing");
                final java.util.Set<Integer> have = new java.util.HashSet<>();
                t.rows().forEach(r -> have.add(r.point()));
                for (SweepPoint pt : p.plan().points()) {
                    if (!have.contains(pt.index())) {
                        missing.add(pt.index());
                    }
                }
                o.put("results", p.folder().root().resolve(SweepFolder.CSV).toString());
                out.println(Json.oneLine(o));
                out.flush();
                return 0;
            }
            default:
                break;
        }
        final SweepLedger.Outcome r;
        try (Progress progress = Progress.start("sweep", "points", 0, p.plan().size(), System.err)) {
            r = SweepExecutor.run(p.plan(), p.folder(), p.parallel(), progress);
        }
        out.println(Json.oneLine(r.summary(p.folder())));
        out.flush();
        r.throwIfFailed(p.plan());
        return 0;
    }

    /** @return the {@code --list} table: a header, then one tab-separated line per point. */
    static String listing(final SweepPlan plan, final SweepFolder folder) {
        final StringBuilder b = new StringBuilder("point");
        for (String f : plan.fields()) {
            b.append('\t').append(f);
        }
        b.append("\tseed\tspec_hash\tfolder\tstatus\n");
        for (SweepPoint pt : plan.points()) {
            b.append(pt.index());
            for (JsonNode v : pt.params().values()) {
                b.append('\t').append(SweepNames.text(v));
            }
            b.append('\t').append(pt.seed()).append('\t').append(pt.hash()).append('\t')
                    .append(SweepFolder.POINTS).append('/').append(pt.folder()).append('\t')
                    .append(folder.status(pt).name().toLowerCase(Locale.ROOT)).append('\n');
        }
        return b.toString();
    }
}
