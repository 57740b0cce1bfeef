package org.spikering.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Entry point of the {@code spikering} command line. Each sub-command lives in its own class.
 *
 * <p>Errors: every bad input, found by the parser (an unknown option, a value of the wrong type, a missing
 * value, a stray argument) or by a command's checks ({@link Check}, {@link MemoryBudget}) before any work,
 * ends with one line {@code spikering <cmd>: error: <message> (see 'spikering help <cmd>')} on stderr and exit
 * code 2. A failure found while running (a diverged training, an unwritable file) is one line
 * {@code spikering <cmd>: error: <message>} and exit code 2. Running out of memory although the estimate
 * passed is one line naming {@value MemoryBudget#JAVA_OPTS} and exit code 1: the input was valid, the
 * machine (or the estimate) was not enough, so scripts can tell it apart from a rejected command line.
 * Anything else is a bug: "internal error" and the stack trace, exit code 2.
 */
@Command(name = "spikering", mixinStandardHelpOptions = true, version = "spikering 0.1.0",
        description = "Event-driven spiking neural network simulator: e-prop, reservoirs, neuromorphic constraints.",
        subcommands = {
            RunCommand.class,
            BenchCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            AnalyzeCommand.class,
            ContinualCommand.class,
            ExportCommand.class,
            GradientsCommand.class,
            ReservoirCommand.class,
            HardwareCommand.class,
            StdpCommand.class,
            NirCommand.class,
            SpecCommand.class,
            SweepCommand.class,
            SgCommand.class,
            HelpCommand.class
        })
public final class SpikeringCli implements Runnable {

    /** Exit code of a bad command line or a failed run. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code when the JVM ran out of memory although the command's estimate fitted. */
    public static final int EXIT_OUT_OF_MEMORY = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Without a sub-command, runs the built-in default ({@code run}). */
    @Override
    public void run() {
        System.exit(commandLine().execute("run"));
    }

    /**
     * @return the configured command line: invalid values end with a one-line message naming the
     *         parameter and exit code 2, never a stack trace.
     */
    public static CommandLine commandLine() {
        final CommandLine cl = new CommandLine(new SpikeringCli());
        cl.setParameterExceptionHandler((ex, args) -> {
            final CommandLine cmd = ex.getCommandLine();
            String msg = ex.getMessage();
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                msg = msg + "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
            }
            cmd.getErr().println(usageError(cmd.getCommandSpec(), msg));
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (causedByOutOfMemory(ex)) { // e.g. an engine thread's, rethrown on the caller's thread
                cmd.getErr().println(errorLine(cmd.getCommandSpec(), MemoryBudget.outOfMemory()));
                return EXIT_OUT_OF_MEMORY;
            }
            if (ex instanceof org.spikering.app.spec.SpecException se) {
                // one line per problem of a spec file, each naming the field; the last with the pointer to the help
                final java.util.List<String> lines = se.problems();
                for (int i = 0; i < lines.size(); i++) {
                    cmd.getErr().println(i == lines.size() - 1 ? usageError(cmd.getCommandSpec(), lines.get(i))
                            : errorLine(cmd.getCommandSpec(), lines.get(i)));
                }
            } else if (ex instanceof IllegalArgumentException) {
                cmd.getErr().println(usageError(cmd.getCommandSpec(), ex.getMessage()));
            } else if (ex instanceof IllegalStateException || ex instanceof java.io.UncheckedIOException) {
                cmd.getErr().println(errorLine(cmd.getCommandSpec(), ex.getMessage()));
            } else {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": internal error: " + ex);
                ex.printStackTrace(cmd.getErr());
            }
            return EXIT_BAD_INPUT;
        });
        final CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        cl.setExecutionStrategy(parseResult -> {
            final java.util.List<CommandLine> chain = parseResult.asCommandLineList();
            final CommandLine leaf = chain.get(chain.size() - 1);
            try {
                org.spikering.app.report.Progress.Mode.current(); // a bad SPIKERING_PROGRESS is named before any work
            } catch (IllegalArgumentException e) {
                leaf.getErr().println(errorLine(leaf.getCommandSpec(), e.getMessage()));
                return EXIT_BAD_INPUT;
            }
            try {
                return runLast.execute(parseResult);
            } catch (OutOfMemoryError e) {
                final CommandLine cmd = parseResult.asCommandLineList().get(parseResult.asCommandLineList().size() - 1);
                cmd.getErr().println(errorLine(cmd.getCommandSpec(), MemoryBudget.outOfMemory()));
                return EXIT_OUT_OF_MEMORY;
            }
        });
        return cl;
    }

    private static boolean causedByOutOfMemory(final Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** @return {@code spikering <cmd>: error: <message>} on one line. */
    static String errorLine(final CommandSpec spec, final String message) {
        return spec.qualifiedName() + ": error: " + oneLine(message);
    }

    /** @return {@link #errorLine} with the pointer to the command's help. */
    static String usageError(final CommandSpec spec, final String message) {
        final String name = spec.qualifiedName();
        final String sub = name.startsWith("spikering ") ? name.substring("spikering ".length()) : "";
        return errorLine(spec, message) + " (see 'spikering help" + (sub.isEmpty() ? "" : " " + sub) + "')";
    }

    private static String oneLine(final String message) {
        // several problems (e.g. of a NIR graph) come as lines, each may repeat the prefix: one line, "; " between
        return message == null ? "(no message)"
                : message.strip().replaceAll("\\s*[\\r\\n]+\\s*(spikering [^:]*: error: )?", "; ");
    }

    /**
     * @param args command-line arguments.
     */
    public static void main(final String[] args) {
        System.exit(commandLine().execute(args));
    }
}
