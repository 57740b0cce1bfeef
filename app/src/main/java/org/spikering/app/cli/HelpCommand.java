package org.spikering.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code spikering help [COMMAND...]}: the usage of a command, also of a nested one ({@code help hw map});
 * picocli's own help command resolves only one level.
 */
@Command(name = "help", helpCommand = true,
        description = "Show the usage of spikering or of a command, e.g. 'spikering help hw map'.")
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "the command, e.g. run, train or hw map")
    List<String> commands = new ArrayList<>();

    private CommandLine self;
    private java.io.PrintWriter out;
    private CommandLine.Help.ColorScheme colors;

    @Override
    public void init(final CommandLine helpCommandLine, final CommandLine.Help.ColorScheme colorScheme,
                     final java.io.PrintWriter outWriter, final java.io.PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = outWriter;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        final List<String> path = new ArrayList<>();
        for (String name : commands) {
            final Map<String, CommandLine> subs = target.getSubcommands();
            final CommandLine next = subs.get(name);
            if (next == null) {
                throw new IllegalArgumentException("COMMAND = '" + String.join(" ", commands) + "': "
                        + (path.isEmpty() ? "" : String.join(" ", path) + " ") + "has no command '" + name
                        + "'; must be one of " + new ArrayList<>(subs.keySet()));
            }
            path.add(name);
            target = next;
        }
        target.usage(out, colors);
    }
}
