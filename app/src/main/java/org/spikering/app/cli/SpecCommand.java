package org.spikering.app.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.report.Json;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecLoader;
import org.spikering.app.spec.SpecSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spikering spec list|show|check|schema}: the experiment spec files. */
@Command(name = "spec", mixinStandardHelpOptions = true,
        description = {"Experiment spec files (YAML or JSON): list and print the shipped examples, check a file, print the"
                + " JSON Schema.", "A spec runs with 'spikering run SPEC', 'train SPEC', 'hw study SPEC', 'reservoir SPEC'."},
        subcommands = {SpecCommand.ListExamples.class, SpecCommand.Show.class, SpecCommand.CheckSpec.class,
            SpecCommand.Schema.class})
public final class SpecCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new IllegalArgumentException("a sub-command must follow: list, show, check or schema");
    }

    /** Lists the shipped examples. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the shipped example specs.")
    static final class ListExamples implements Callable<Integer> {
        @Override
        public Integer call() {
            final Map<String, String> d = Examples.descriptions();
            int w = 4;
            for (String n : Examples.names()) {
                w = Math.max(w, n.length());
            }
            for (String n : Examples.names()) {
                System.out.printf("%-" + w + "s  %s%n", n, d.get(n));
            }
            return 0;
        }
    }

    /** Prints a shipped example. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a shipped example spec (start from it: spikering spec show evidence > my.yaml).")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "the example's name ('spikering spec list')")
        String name;

        @Option(names = "--resolved", description = "print it with every default filled in")
        boolean resolved;

        @Override
        public Integer call() {
            if (!Examples.names().contains(name)) {
                throw new IllegalArgumentException("NAME = '" + name + "': must be one of " + String.join(", ", Examples.names()));
            }
            System.out.print(resolved ? Examples.load(name, List.of()).toYaml() : Examples.text(name));
            return 0;
        }
    }

    /** Checks a spec without running it. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check a spec without running anything: one line per problem (field path, value, what is"
                    + " allowed) and exit code 2, or 'ok' and the sections it has; a spec with a sweep section: every"
                    + " point of the sweep checked as 'spikering sweep' checks it.")
    static final class CheckSpec implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SPEC", description = "a spec file (YAML or JSON) or a shipped example's name")
        String file;

        @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "override one field, e.g. training.rule=bptt or"
                + " network.populations[E].size=200 (repeatable)")
        List<String> sets = new ArrayList<>();

        @Option(names = "--resolved", description = "print the checked spec with every default filled in")
        boolean resolved;

        @Override
        public Integer call() {
            final Spec s = SpecLoader.load(file, sets);
            if (resolved) {
                System.out.print(s.toYaml());
            } else {
                final List<String> sections = new ArrayList<>();
                for (String n : SpecSchema.SECTIONS) {
                    if (s.has(n)) {
                        sections.add(n);
                    }
                }
                // a sweep: each point's spec and its runner's checks, as 'spikering sweep' does before it runs
                final String points = s.has("sweep") ? "; a sweep of " + org.spikering.app.sweep.SweepPlan.of(s, List.of(),
                        null, null, SweepCommand.RUNNERS).size() + " points, each checked" : "";
                System.out.println(s.source() + ": ok (sections: " + (sections.isEmpty() ? "none" : String.join(", ", sections))
                        + points + ")");
            }
            return 0;
        }
    }

    /** Prints the JSON Schema. */
    @Command(name = "schema", mixinStandardHelpOptions = true,
            description = "Print the JSON Schema (draft 2020-12) of the spec format, for editors: save it and point the"
                    + " YAML language server at it (# yaml-language-server: $schema=spikering.schema.json).")
    static final class Schema implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            System.out.println(Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(SpecSchema.get().document()));
            return 0;
        }
    }
}
