package org.spikering.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.spikering.sim.SimulationSummary;

/** Keeps README.md's Java example identical to compiled code, and checks that it runs. */
final class ReadmeExampleTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void shouldShowTheCompiledExampleInTheReadme() throws IOException {
        final String src = Files.readString(ROOT.resolve("tests/src/test/java/org/spikering/it/ReadmeExample.java"));
        final String example = normalise(between(src, "// README-EXAMPLE-BEGIN\n", "        // README-EXAMPLE-END"));
        final String readme = Files.readString(ROOT.resolve("README.md"));
        final String block = normalise(between(readme, "```java\n", "```"));
        assertEquals(example, block, "README's java block must equal ReadmeExample's marked region");
    }

    @Test
    void shouldRunTheExample() {
        final SimulationSummary s = ReadmeExample.run();
        assertTrue(s.meanRateHz() > 1 && s.meanRateHz() < 20, "rate " + s.meanRateHz());
    }

    private static String between(final String text, final String start, final String end) {
        final int a = text.indexOf(start);
        assertTrue(a >= 0, "missing " + start.trim());
        final int b = text.indexOf(end, a + start.length());
        assertTrue(b >= 0, "missing " + end.trim());
        return text.substring(a + start.length(), b);
    }

    private static String normalise(final String code) {
        final List<String> lines = code.lines().filter(l -> !l.isBlank()).toList();
        final int indent = lines.stream().mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.substring(indent).stripTrailing()).collect(Collectors.joining("\n"));
    }
}
