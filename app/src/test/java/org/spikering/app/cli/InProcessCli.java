package org.spikering.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the spikering command line in this JVM with stdout and stderr muted; picocli's error lines go to {@code err}. */
final class InProcessCli {

    private InProcessCli() {
    }

    /**
     * @param args the command line.
     * @param err  receives the error lines (one line for a bad input).
     * @return the exit code.
     */
    static int run(final List<String> args, final StringWriter err) {
        final java.io.PrintStream stdout = System.out;
        final java.io.PrintStream stderr = System.err;
        try {
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            return SpikeringCli.commandLine().setErr(new PrintWriter(err, true)).execute(args.toArray(new String[0]));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    /** As {@link #run(List, StringWriter)}, the error lines dropped. */
    static int run(final List<String> args) {
        return run(args, new StringWriter());
    }
}
