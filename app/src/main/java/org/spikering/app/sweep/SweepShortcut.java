package org.spikering.app.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.spikering.app.report.Progress;
import org.spikering.app.spec.Spec;

/**
 * A command that is a sweep of a grid it builds itself ({@code hw study}, {@code reservoir scaling}): plans the sweep
 * of a spec with a {@code sweep} section ({@link SweepPlan}, every point checked before anything runs), opens its
 * folder ({@link SweepFolder}) and runs it in-process ({@link SweepExecutor}, as many points at a time as there are
 * cores and the heap allows). Resuming is the sweep's: run again with the same spec and folder, the complete points
 * are skipped.
 *
 * @param plan   the sweep.
 * @param folder its folder.
 */
public record SweepShortcut(SweepPlan plan, SweepFolder folder) {

    /**
     * @param sweepSpec a spec with the sweep section of the grid.
     * @param option    what messages call the folder ({@code --out}, {@code output.folder}).
     * @param root      the folder: new, empty or the same sweep's folder.
     * @return the checked sweep; nothing written.
     * @throws IllegalArgumentException or {@link org.spikering.app.spec.SpecException} naming each problem.
     */
    public static SweepShortcut prepare(final Spec sweepSpec, final String option, final Path root) {
        final SweepFolder folder = SweepFolder.open(option, root);
        return new SweepShortcut(SweepPlan.of(sweepSpec, List.of(), null, null, SpecRunners::of), folder);
    }

    /**
     * Runs every point not yet complete.
     *
     * @param task     what the progress lines call the work, e.g. {@code hw study}.
     * @param plots    whether the sweep's summary plots ({@value SweepFolder#PLOTS}/) are written.
     * @param progress starts the display of the points.
     * @return what was done; {@link SweepLedger.Outcome#table} holds every point.
     * @throws IllegalStateException naming each point that failed (they run again next time).
     */
    public SweepLedger.Outcome run(final String task, final boolean plots, final ProgressStarter progress) {
        final SweepLedger.Outcome r;
        try (Progress bar = progress.start(task, "runs", 0, plan.size())) {
            r = SweepExecutor.run(plan, folder, Math.max(1, Runtime.getRuntime().availableProcessors()), bar, plots);
            if (r.skipped() > 0) {
                bar.note("spikering: reused " + r.skipped() + " runs of an interrupted study with the same settings");
            }
        }
        if (!r.failures().isEmpty()) {
            final StringBuilder b = new StringBuilder();
            for (Map.Entry<Integer, String> f : r.failures().entrySet()) {
                b.append(b.length() > 0 ? "; " : "").append("point ").append(f.getKey()).append(" (")
                        .append(plan.point(f.getKey()).label()).append("): ").append(f.getValue());
            }
            throw new IllegalStateException(r.failures().size() + " of " + r.points() + " runs failed (the same command"
                    + " runs them again): " + b);
        }
        return r;
    }
}
