package org.spikering.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.spikering.app.cli.SweepCommand;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code spikering sweep} arguments an executor builds its plan from: the driver's arguments, parsed by the
 * sweep command's own picocli model, with what depends on the driver's working directory made absolute (the spec
 * file, the sweep folder) and the options that only steer the driver removed ({@code --parallel}, {@code --list},
 * {@code --point}, {@code --collect}). Every other option ({@code --grid}, {@code --seeds}, {@code --first-seed},
 * {@code --set}) is passed on exactly as the user wrote it, so the executor's plan is the driver's plan: the same
 * points, indices and hashes (which the executor checks, {@link PointJob}).
 */
final class ExecutorArgs {

    /** Options of the driver only. */
    private static final Set<String> DRIVER_ONLY = Set.of("--parallel", "--list", "--point", "--collect", "--out");

    private ExecutorArgs() {
    }

    /**
     * @param args the driver's arguments (already checked by {@link SweepCommand#prepare}).
     * @param root the sweep folder, absolute.
     * @return the executors' arguments.
     */
    static List<String> of(final String[] args, final Path root) {
        final CommandLine cl = new CommandLine(new SweepCommand());
        final ParseResult pr = cl.parseArgs(args);
        final List<String> out = new ArrayList<>();
        final String spec = pr.matchedPositionals().get(0).getValue();
        final Path file = Path.of(spec);
        out.add(Files.isRegularFile(file) ? file.toAbsolutePath().normalize().toString() : spec);
        // matchedOptions() has an option once per occurrence, each with all its values: take each option once
        for (OptionSpec o : new LinkedHashSet<>(pr.matchedOptions())) {
            if (DRIVER_ONLY.contains(o.longestName())) {
                continue;
            }
            if (o.arity().max() == 0) {
                out.add(o.longestName());
            } else {
                for (String v : o.originalStringValues()) {
                    out.add(o.longestName());
                    out.add(v);
                }
            }
        }
        out.add("--out");
        out.add(root.toString());
        return List.copyOf(out);
    }
}
