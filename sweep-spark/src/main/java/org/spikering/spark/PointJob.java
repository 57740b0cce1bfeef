package org.spikering.spark;

import java.io.Serializable;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.spikering.app.cli.SweepCommand;
import org.spikering.app.spec.SpecException;
import org.spikering.app.sweep.SweepFolder;
import org.spikering.app.sweep.SweepPoint;
import org.spikering.app.sweep.SweepRow;

/**
 * The executor side of a Spark sweep: runs point K of the sweep that {@link #args} describe, exactly as
 * {@code spikering sweep SPEC --point K} would, and returns its row.
 *
 * <p>The executor builds the plan itself from the same arguments ({@link SweepCommand#prepare}, the sweep's own
 * parsing and checks), once per executor JVM and arguments (a plan checks every point, so it is kept for the JVM's
 * next tasks), rather than receiving it: a plan holds loaded specs and runners, which are not serializable, and
 * building it here checks that this executor sees the spec and its data files. The point's hash is compared with the
 * driver's, so an executor that reads a different spec file (no shared file system, a file changed meanwhile) fails
 * the point instead of running something else.
 *
 * <p>A run that throws a {@link RuntimeException} is a failed point ({@link Result#failure}), not a failed task, as in
 * the in-process executor: the other points go on and Spark does not retry it (a run failing on its input fails again).
 * An {@link Error} (out of memory) fails the task, which Spark retries elsewhere.
 *
 * @param args    the executors' arguments ({@link ExecutorArgs}).
 * @param hashes  each point's spec hash as the driver computed it, by index.
 * @param runners the runner of a point's spec (a static method reference: it is shipped to the executors).
 */
record PointJob(List<String> args, List<String> hashes, SparkSweep.Runners runners)
        implements SparkPoints.PointTask<PointJob.Result> {

    private static final long serialVersionUID = 1L;

    /** Plans built in this JVM, by arguments and the driver's hashes (a changed plan is a new key). */
    private static final Map<List<List<String>>, SweepCommand.Prepared> PLANS = new ConcurrentHashMap<>();

    /**
     * What a point's task sends back: its row (as a JSON line of {@code results.jsonl}: rows are records of JSON
     * trees, sent as their own text), or why it failed.
     *
     * @param row     the row, or null if it failed.
     * @param skipped whether the point was already complete in the sweep folder as this executor sees it.
     * @param failure the one-line error, or null.
     */
    record Result(String row, boolean skipped, String failure) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    PointJob {
        args = List.copyOf(args);
        hashes = List.copyOf(hashes);
    }

    @Override
    public Result run(final int k) {
        try {
            final SweepCommand.Prepared p = PLANS.computeIfAbsent(List.of(args, hashes), key -> {
                final SweepCommand.Prepared prepared = SweepCommand.prepare(runners, args.toArray(String[]::new));
                if (!Files.isRegularFile(prepared.folder().root().resolve(SweepFolder.MARKER))) {
                    // no shared file system: this machine's copy of the sweep folder gets its own marker, so that a
                    // resumed sweep may open it again (the driver wrote its marker before any task)
                    prepared.folder().prepare(prepared.plan());
                }
                return prepared;
            });
            final SweepPoint pt = p.plan().point(k);
            if (!pt.hash().equals(hashes.get(k))) {
                return failed("on executor " + host() + " the point's spec hash is " + pt.hash() + ", the driver's is "
                        + hashes.get(k) + ": the spec file and the files it names must be the same on every machine");
            }
            SweepRow row = p.folder().completeRow(pt);
            final boolean skipped = row != null;
            if (!skipped) {
                row = p.folder().run(pt);
            }
            return new Result(row.toJsonLine(), skipped, null);
        } catch (SpecException e) {
            return failed("on executor " + host() + ": " + String.join("; ", e.problems()));
        } catch (RuntimeException e) {
            return failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static Result failed(final String message) {
        return new Result(null, false, message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; "));
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "(unknown host)";
        }
    }
}
