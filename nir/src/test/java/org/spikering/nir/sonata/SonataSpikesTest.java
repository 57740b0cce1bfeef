package org.spikering.nir.sonata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.nir.NirFormatException;

/** SONATA spike reports: written and read back with jHDF, and read from a file written by h5py (fixture and script in test resources). */
class SonataSpikesTest {

    private static Path fixture() throws Exception {
        return Path.of(SonataSpikesTest.class.getResource("/sonata/h5py_spikes.h5").toURI());
    }

    @Test
    void readsTheH5pyFixture() throws Exception {
        final List<SpikePopulation> pops = SonataSpikes.read(fixture());
        assertEquals(List.of("cortex", "thalamus"), pops.stream().map(SpikePopulation::name).toList());
        assertArrayEquals(new double[] {0.5, 1.25, 1.25, 7.0, 12.5}, pops.get(0).timestampsMs());
        assertArrayEquals(new long[] {3, 0, 2, 3, 1}, pops.get(0).nodeIds());
        assertArrayEquals(new double[] {4.0, 1.0, 2.5}, pops.get(1).timestampsMs(), 1e-12, "units s -> ms");
        assertArrayEquals(new long[] {0, 5, 5}, pops.get(1).nodeIds());
        assertEquals("by_time", SonataSpikes.sorting(fixture(), "cortex"));
        assertEquals("by_id", SonataSpikes.sorting(fixture(), "thalamus"), "an HDF5 enum attribute, as libsonata writes it");
    }

    @Test
    void writeThenReadSortsByTimeWithUnitsAndSorting(@TempDir final Path dir) throws Exception {
        final Path f = dir.resolve("spikes.h5");
        SonataSpikes.write(f, List.of(new SpikePopulation("lif", new double[] {3.0, 1.0, 1.0, 2.0}, new long[] {1, 4, 2, 0}),
                new SpikePopulation("empty", new double[0], new long[0])));
        final List<SpikePopulation> back = SonataSpikes.read(f);
        assertEquals(List.of("lif"), back.stream().map(SpikePopulation::name).toList(), "a population without spikes is left out");
        final SpikePopulation lif = back.stream().filter(p -> p.name().equals("lif")).findFirst().orElseThrow();
        assertArrayEquals(new double[] {1.0, 1.0, 2.0, 3.0}, lif.timestampsMs());
        assertArrayEquals(new long[] {2, 4, 0, 1}, lif.nodeIds(), "ties by node id");
        assertEquals("by_time", SonataSpikes.sorting(f, "lif"));
        try (HdfFile h = new HdfFile(f)) {
            final Dataset ts = h.getDatasetByPath("spikes/lif/timestamps");
            assertEquals("ms", ts.getAttribute("units").getData());
            assertEquals(double.class, ts.getJavaType());
        }
        assertEquals(0, Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".tmp")).count());
    }

    @Test
    void badFilesAreNamed(@TempDir final Path dir) throws Exception {
        final Path junk = Files.writeString(dir.resolve("junk.h5"), "x");
        final NirFormatException e = assertThrows(NirFormatException.class, () -> SonataSpikes.read(junk));
        assertTrue(e.getMessage().startsWith(junk + ": not a readable HDF5 file"), e.getMessage());
        final Path nir = Path.of(SonataSpikesTest.class.getResource("/nir/lif_norse.nir").toURI());
        assertEquals(nir + ": not a SONATA spike file (no group /spikes)",
                assertThrows(NirFormatException.class, () -> SonataSpikes.read(nir)).getMessage());
    }
}
