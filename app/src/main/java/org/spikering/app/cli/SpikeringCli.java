package org.spikering.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code spikering} command line. Each sub-command lives in its own class. */
@Command(name = "spikering", mixinStandardHelpOptions = true, version = "spikering 0.1.0",
        description = "Event-driven spiking neural network simulator: e-prop, reservoirs, neuromorphic constraints.",
        subcommands = {
            RunCommand.class,
            BenchCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            GradientsCommand.class,
            ReservoirCommand.class,
            HardwareCommand.class,
            NirCommand.class,
            CommandLine.HelpCommand.class
        })
public final class SpikeringCli implements Runnable {

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
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                    || ex instanceof java.io.UncheckedIOException) {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": error: " + ex.getMessage());
            } else {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": internal error: " + ex);
                ex.printStackTrace(cmd.getErr());
            }
            return 2;
        });
        return cl;
    }

    /**
     * @param args command-line arguments.
     */
    public static void main(final String[] args) {
        System.exit(commandLine().execute(args));
    }
}
