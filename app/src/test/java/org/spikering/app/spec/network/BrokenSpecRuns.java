package org.spikering.app.spec.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spikering.app.cli.SpikeringCli;

/**
 * Runs a table of broken specs through {@code spikering run FILE --out DIR} (or another command) in-process: each row is
 * {text in the base spec, its replacement, the expected problem lines ("\n" between; TMP = the temporary folder)}.
 * Every case must exit 2 with exactly those lines on stderr (each {@code spikering run: error: FILE: }, the last with
 * the pointer to the help), print nothing on stdout and leave no output folder.
 */
public final class BrokenSpecRuns {

    private BrokenSpecRuns() {
    }

    static void assertEveryCaseRejected(final Path tmp, final String base, final String[][] cases) throws Exception {
        assertEveryCaseRejected(tmp, base, cases, "run");
    }

    /**
     * As {@link #assertEveryCaseRejected(Path, String, String[][])} with {@code spikering COMMAND FILE --out DIR}.
     *
     * @param command the command, e.g. {@code train}.
     */
    public static void assertEveryCaseRejected(final Path tmp, final String base, final String[][] cases,
            final String command) throws Exception {
        final List<String> failures = new ArrayList<>();
        for (int c = 0; c < cases.length; c++) {
            final String[] row = cases[c];
            assertTrue(base.contains(row[0]), "case " + c + ": base lacks '" + row[0] + "'");
            final Path file = tmp.resolve("case" + c + ".yaml");
            Files.writeString(file, base.replaceFirst(java.util.regex.Pattern.quote(row[0]),
                    java.util.regex.Matcher.quoteReplacement(row[1])));
            final Path out = tmp.resolve("out" + c);
            final StringWriter err = new StringWriter();
            final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            final PrintStream old = System.out;
            final int code;
            try {
                System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
                code = SpikeringCli.commandLine().setErr(new PrintWriter(err, true))
                        .execute(command, file.toString(), "--out", out.toString());
            } finally {
                System.setOut(old);
            }
            final List<String> expected = new ArrayList<>();
            final String[] lines = row[2].replace("TMP", tmp.toString()).split("\n");
            for (int k = 0; k < lines.length; k++) {
                expected.add("spikering " + command + ": error: " + file + ": " + lines[k]
                        + (k == lines.length - 1 ? " (see 'spikering help " + command + "')" : ""));
            }
            final List<String> got = err.toString().lines().toList();
            if (code != 2 || !expected.equals(got) || stdout.size() > 0 || Files.exists(out)) {
                failures.add("case " + c + " (" + row[1] + "): exit " + code + ", out exists " + Files.exists(out)
                        + ", stdout '" + stdout + "'\n  expected " + expected + "\n  got      " + got);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
