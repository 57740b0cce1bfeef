package org.spikering.spark;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.spikering.app.cli.SweepCommand;
import org.spikering.app.report.Json;
import org.spikering.app.report.Progress;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecException;
import org.spikering.app.sweep.SpecRunner;
import org.spikering.app.sweep.SpecRunners;
import org.spikering.app.sweep.SweepFolder;
import org.spikering.app.sweep.SweepLedger;
import org.spikering.app.sweep.SweepPlan;
import org.spikering.app.sweep.SweepPoint;
import org.spikering.app.sweep.SweepRow;
import picocli.CommandLine;

/**
 * {@code spark-submit --class org.spikering.spark.SparkSweep spikering-spark.jar SPEC [spikering sweep options]}: the
 * points of a sweep as Spark tasks, one task per point, and the same sweep folder, results table and plots as
 * {@code spikering sweep} (docs/SWEEP-SPARK.md).
 *
 * <p>On the driver, before Spark starts: the arguments are parsed and every point built and checked by the sweep
 * command's own code ({@link SweepCommand#prepare}); bad input is one line per problem on stderr and exit code 2, with
 * nothing written. {@code --list}, {@code --point K} and {@code --collect} then do what {@code spikering sweep} does,
 * on the driver, without a Spark job ({@link SweepCommand#execute}). Otherwise the driver writes {@code sweep.json},
 * keeps the rows of the points already complete (resume: recognised by their spec hash, {@link SweepFolder#status}),
 * and runs every other point as one task ({@link SparkPoints}, {@link PointJob}); as each task finishes it adds the
 * point's row and rewrites the table and plots as the in-process executor does (the same {@link SweepLedger}).
 *
 * <p>What the cluster needs: the sweep folder ({@code --out}) and the spec with its data files at the same path on the
 * driver and every executor (a shared file system); without one the table is still complete (rows come back with
 * the tasks) but the points' own folders stay on the executors' disks and a resumed sweep runs every point again.
 * Memory: the driver checks the largest point's estimate against its own heap before anything runs (the sweep
 * command's check, exact for a {@code local} master, whose tasks run in the driver's JVM; on a cluster it asks the
 * driver for as much heap as one point needs), and each executor checks it against its heap when it builds its plan.
 *
 * <p>Differs from {@code spikering sweep}: {@code --parallel} is ignored (the cluster's task slots decide how many
 * points run at once), and the points' progress is the driver's bar only.
 */
public final class SparkSweep {

    /** The program's name in messages. */
    static final String NAME = "spikering-spark";
    /** Exit code of bad input or failed points (as {@code spikering}). */
    static final int EXIT_BAD_INPUT = 2;
    /** The runner of a point's spec, shipped to the executors with each task (so: serializable). */
    interface Runners extends Function<Spec, SpecRunner>, Serializable {
    }

    /** The runners {@code spikering sweep} uses: by the spec's sections, train, run or reservoir. */
    static final Runners SWEEP_RUNNERS = SpecRunners::of;

    private SparkSweep() {
    }

    /**
     * @param args the {@code spikering sweep} arguments.
     */
    public static void main(final String[] args) {
        final int code = run(args, SWEEP_RUNNERS, new SparkConf(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true));
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * @param args    the {@code spikering sweep} arguments.
     * @param runners the runner of a point's spec ({@link #SWEEP_RUNNERS}; a test's double).
     * @param conf Spark's configuration (spark-submit's; a test's {@code local[2]}); it must name the master.
     * @param out  where the result line goes.
     * @param err  where errors go.
     * @return the exit code: 0, or 2 for bad input or failed points.
     */
    static int run(final String[] args, final Runners runners, final SparkConf conf, final PrintWriter out, final PrintWriter err) {
        if (List.of(args).contains("-h") || List.of(args).contains("--help")) {
            out.println("Usage: spark-submit --class " + SparkSweep.class.getName() + " [spark options] spikering-spark.jar"
                    + " SPEC [options]");
            out.println("Runs the points of a sweep as Spark tasks (docs/SWEEP-SPARK.md). The options are those of"
                    + " 'spikering sweep':");
            out.print(new CommandLine(new SweepCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF));
            out.flush();
            return 0;
        }
        if (!conf.contains("spark.master")) {
            err.println(NAME + ": error: spark.master is not set: run it with spark-submit --master URL (local[2] for two"
                    + " cores of this machine)");
            return EXIT_BAD_INPUT;
        }
        try {
            Progress.Mode.current();
            final SweepCommand.Prepared p = SweepCommand.prepare(runners, args);
            if (p.action() != SweepCommand.Action.RUN) {
                return SweepCommand.execute(p, out);
            }
            return runOnSpark(p, new PointJob(ExecutorArgs.of(args, p.folder().root()), hashes(p.plan()), runners), conf, out);
        } catch (SpecException e) {
            e.problems().forEach(line -> err.println(errorLine(line)));
            err.flush();
            return EXIT_BAD_INPUT;
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException
                 | SparkPoints.PointFailedException e) {
            err.println(errorLine(e.getMessage()));
            err.flush();
            return EXIT_BAD_INPUT;
        } catch (Exception e) {
            // Scala code throws SparkException (a checked exception to Java) undeclared: Spark could not start (a
            // master URL it cannot reach or parse) or gave up on the job; anything else is a bug and keeps its trace
            if (!(e instanceof SparkException)) {
                throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
            }
            err.println(errorLine("Spark: " + SparkPoints.taskMessage(e)));
            err.flush();
            return EXIT_BAD_INPUT;
        }
    }

    private static List<String> hashes(final SweepPlan plan) {
        final List<String> h = new ArrayList<>();
        plan.points().forEach(pt -> h.add(pt.hash()));
        return h;
    }

    private static String errorLine(final String message) {
        return NAME + ": error: " + (message == null ? "(no message)" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; "));
    }

    private static int runOnSpark(final SweepCommand.Prepared p, final PointJob job, final SparkConf conf,
                                  final PrintWriter out) {
        final SweepPlan plan = p.plan();
        final SweepFolder folder = p.folder();
        conf.setIfMissing("spark.app.name", "spikering sweep " + plan.spec().source());
        SweepLedger.Outcome r = null;
        try (Progress progress = Progress.start("sweep", "points", 0, plan.size(), System.err)) {
            final SweepLedger ledger = new SweepLedger(plan, folder, progress, true);
            final List<Integer> todo = ledger.todo().stream().map(SweepPoint::index).toList();
            // Spark starts before anything is written: a master it cannot use leaves the folder as it was
            try (JavaSparkContext sc = todo.isEmpty() ? null : new JavaSparkContext(conf)) {
                ledger.start();
                try {
                    if (sc != null) {
                        SparkPoints.run(sc, todo, job, (k, res) -> {
                            if (res.failure() != null) {
                                ledger.failed(k, res.failure());
                            } else {
                                ledger.finished(SweepRow.fromJsonLine(res.row()), res.skipped());
                            }
                        });
                    }
                } finally {
                    r = ledger.finish();
                }
            }
        }
        out.println(Json.oneLine(r.summary(folder)));
        out.flush();
        r.throwIfFailed(plan);
        return 0;
    }
}
