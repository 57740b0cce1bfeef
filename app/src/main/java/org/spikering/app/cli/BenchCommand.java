package org.spikering.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for the {@code bench} command; replaced by its implementation. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks printing one JSON line.")
public final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("bench: not implemented yet");
        return 2;
    }
}
