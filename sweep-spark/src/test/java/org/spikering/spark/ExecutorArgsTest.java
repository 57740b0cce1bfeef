package org.spikering.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The executors' arguments: the driver's, with its working directory taken out and the driver-only options dropped. */
class ExecutorArgsTest {

    @Test
    void aRelativeSpecBecomesAbsoluteTheSweepFolderIsGivenAndTheRestIsKeptAsWritten() throws Exception {
        final Path dir = Files.createDirectories(Path.of("target", "executor-args-test"));
        final Path spec = dir.resolve("s.yaml");
        Files.writeString(spec, "spikering: 1\n");
        final Path root = Path.of("/shared/sweeps/x");
        final List<String> a = ExecutorArgs.of(new String[] {"--parallel", "2", spec.toString(), "--grid",
            "training.rule=eprop,bptt", "--set", "training.iterations=5", "--grid=hardware.bits=8,4", "--seeds", "3",
            "--first-seed", "7", "--out", "relative/out"}, root);
        assertEquals(List.of(spec.toAbsolutePath().normalize().toString(),
                "--grid", "training.rule=eprop,bptt", "--grid", "hardware.bits=8,4",
                "--set", "training.iterations=5", "--seeds", "3", "--first-seed", "7",
                "--out", "/shared/sweeps/x"), a);
    }

    @Test
    void anExampleNameStaysAName() {
        assertEquals(List.of("reservoir-mc", "--out", "/r"),
                ExecutorArgs.of(new String[] {"reservoir-mc", "--collect"}, Path.of("/r")));
    }
}
