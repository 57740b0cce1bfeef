package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.train.TrainCheckpoint;

/**
 * {@code train --resume} of a rate network (shipped example pattern-liu-rate): a child killed with SIGKILL after its
 * second checkpoint and resumed gives the same model, curves and summary (dense-MAC counters included) as an
 * uninterrupted run, bit for bit.
 */
class RateResumeTest {

    @TempDir
    Path dir;

    private static List<String> trainArgs(final Path out, final String... more) {
        final List<String> a = new ArrayList<>(List.of("train", "pattern-liu-rate", "--iterations", "200", "--batch", "1",
                "--test-batch", "4", "--eval-every", "50", "--checkpoint-every", "20"));
        a.addAll(List.of(more));
        if (out != null) {
            a.addAll(List.of("--out", out.toString()));
        }
        return a;
    }


    private static ObjectNode withoutWall(final Path summary) throws Exception {
        final ObjectNode s = (ObjectNode) Json.MAPPER.readTree(summary.toFile());
        s.remove("wall_s");
        return s;
    }

    @Test
    void shouldResumeAKilledRateTrainingBitIdentically() throws Exception {
        final Path whole = dir.resolve("whole");
        assertEquals(0, InProcessCli.run(trainArgs(whole)));
        final Path cwd = Files.createDirectory(dir.resolve("child"));
        final Path killed = cwd.resolve("killed");
        final Path cp = ResultFolder.checkpointDir(killed).resolve(TrainCheckpoint.FILE);
        final List<Object> seen = new ArrayList<>();
        final Process p = ChildProcessRuns.start(cwd, "train", trainArgs(killed).toArray(new String[0]));
        assertTrue(ChildProcessRuns.killWhen(p, () -> {
            try {
                final Object key = Files.readAttributes(cp, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
                if (!seen.contains(key)) {
                    seen.add(key);
                }
            } catch (java.io.IOException e) {
                // not yet
            }
            return seen.size() >= 2;
        }), "the child ended before its second checkpoint: " + ChildProcessRuns.stderr(cwd, "train"));
        assertFalse(Files.exists(killed), "a killed first run leaves no result folder");
        final int done = TrainCheckpoint.read("test", cp).model().completed();
        assertTrue(done >= 40 && done < 200, "checkpoint after " + done + " iterations");
        assertEquals(0, InProcessCli.run(trainArgs(null, "--resume", killed.toString())));
        for (String f : new String[] {"model.json", "learning_curve.csv"}) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(killed.resolve(f)), f);
        }
        assertEquals(withoutWall(whole.resolve("summary.json")), withoutWall(killed.resolve("summary.json")),
                "counters (dense MACs) and energy as if uninterrupted");
    }
}
