package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.ResultFolder;
import org.spikering.nir.sonata.SonataSpikes;
import org.spikering.nir.sonata.SpikePopulation;
import picocli.CommandLine;

/**
 * {@code run --sonata}: spikes.h5 read back with the HDF5 library holds, per population, exactly the spikes of
 * spikes.csv (same times, same neuron indices within the population), sorted by time, and is part of the result set.
 */
final class RunSonataTest {

    @TempDir
    Path tmp;

    @Test
    void shouldWriteTheSpikesOfSpikesCsvAsASonataReport() throws Exception {
        Path out = tmp.resolve("out");
        CommandLine cl = SpikeringCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("run", "--scale", "0.25", "--seconds", "0.2", "--sonata", "--out", out.toString()),
                err.toString());
        assertTrue(ResultFolder.isComplete(out));

        // spikes.csv, parsed here: population -> (time_ms, neuron) rows in file order
        TreeMap<String, List<double[]>> csv = new TreeMap<>();
        List<String> lines = Files.readAllLines(out.resolve("spikes.csv"));
        assertEquals("time_ms,step,population,neuron,global_id", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            csv.computeIfAbsent(f[2], k -> new ArrayList<>()).add(new double[] {Double.parseDouble(f[0]), Long.parseLong(f[3])});
        }
        assertTrue(csv.size() == 2 && csv.get("E").size() > 100, "CUBA at scale 0.25 spikes in E and I: " + csv.keySet());

        List<SpikePopulation> h5 = SonataSpikes.read(out.resolve("spikes.h5"));
        assertEquals(csv.keySet(), new java.util.TreeSet<>(h5.stream().map(SpikePopulation::name).toList()));
        for (SpikePopulation p : h5) {
            List<double[]> rows = csv.get(p.name());
            assertEquals(rows.size(), p.timestampsMs().length, p.name());
            // spikes.csv is in step order, ascending ids within a step: the same order as sorting by (time, id)
            for (int k = 0; k < rows.size(); k++) {
                assertEquals(rows.get(k)[0], p.timestampsMs()[k], 0.0, p.name() + " spike " + k);
                assertEquals((long) rows.get(k)[1], p.nodeIds()[k], p.name() + " spike " + k);
            }
            assertEquals("by_time", SonataSpikes.sorting(out.resolve("spikes.h5"), p.name()));
        }
    }
}
