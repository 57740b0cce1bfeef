package org.spikering.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The direction of dependencies that DESIGN.md draws, checked on the sources: only sim-core's
 * {@code engine} package touches the Disruptor; neuron-models imports nothing of the project and
 * no threads; library modules never import the command line (only sweep-spark, which runs it on Spark, does).
 */
final class DependencyRulesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void shouldConfineDisruptorToTheEnginePackage() {
        final List<String> offenders = new ArrayList<>();
        for (Path f : mainSources()) {
            final String rel = ROOT.relativize(f).toString().replace('\\', '/');
            if (rel.startsWith("sim-core/src/main/java/org/spikering/sim/engine/")) {
                continue;
            }
            if (read(f).contains("import com.lmax.disruptor")) {
                offenders.add(rel);
            }
        }
        assertTrue(offenders.isEmpty(), "Disruptor imported outside sim-core's engine package: " + offenders);
    }

    @Test
    void shouldKeepNeuronModelsFreeOfProjectImportsAndThreads() {
        final List<String> offenders = new ArrayList<>();
        for (Path f : mainSources()) {
            final String rel = ROOT.relativize(f).toString().replace('\\', '/');
            if (!rel.startsWith("neuron-models/")) {
                continue;
            }
            final String src = read(f);
            if (src.matches("(?s).*import org\\.spikering\\.(sim|plasticity|reservoir|hw|app)\\..*")
                    || src.contains("java.util.concurrent") || src.contains("new Thread(")
                    || src.contains("java.nio.file") || src.contains("java.io.File")) {
                offenders.add(rel);
            }
        }
        assertTrue(offenders.isEmpty(), "neuron-models must be pure mathematics: " + offenders);
    }

    @Test
    void shouldNotImportTheApplicationFromLibraries() {
        final List<String> offenders = new ArrayList<>();
        for (Path f : mainSources()) {
            final String rel = ROOT.relativize(f).toString().replace('\\', '/');
            if (rel.startsWith("app/") || rel.startsWith("sweep-spark/")) {
                continue; // the command line, and sweep-spark: a front end on top of it (ARCHITECTURE.md)
            }
            if (read(f).contains("import org.spikering.app.")) {
                offenders.add(rel);
            }
        }
        assertTrue(offenders.isEmpty(), "library modules import org.spikering.app: " + offenders);
    }

    @Test
    void shouldFindTheSources() {
        assertTrue(mainSources().size() > 20, "source scan found too few files under " + ROOT);
    }

    private static List<Path> mainSources() {
        try (Stream<Path> s = Files.walk(ROOT)) {
            return s.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().replace('\\', '/').contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(final Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
