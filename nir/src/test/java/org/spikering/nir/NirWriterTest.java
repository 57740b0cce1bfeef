package org.spikering.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every reference file without unsupported nodes, written by jHDF and read back, gives the same records, bit for bit. */
class NirWriterTest {

    @Test
    void readWriteReadIsIdentity(@TempDir final Path dir) {
        for (String name : new String[] {"lif_norse.nir", "two_lif_neurons.nir", "reference_all_1d_nodes_HEAD.nir"}) {
            final NirFile a = NirReader.read(NirReaderTest.resource(name));
            final Path out = dir.resolve(name);
            NirWriter.write(a, out);
            final NirFile b = NirReader.read(out);
            assertEquals(NirWriter.VERSION, b.version());
            assertEquals(a.graph().edges(), b.graph().edges(), name);
            assertEquals(a.graph().metadata(), b.graph().metadata(), name);
            assertEquals(a.graph().nodes().keySet(), b.graph().nodes().keySet(), name);
            for (String n : a.graph().nodes().keySet()) {
                assertEquals(describe(a.graph().nodes().get(n)), describe(b.graph().nodes().get(n)), name + " node " + n);
            }
        }
    }

    /** Records with arrays: compare the tensors (which define equals) and the shapes as text. */
    private static String describe(final NirNode n) {
        if (n instanceof NirNode.Input i) {
            return "Input" + java.util.Arrays.toString(i.shape());
        }
        if (n instanceof NirNode.Output o) {
            return "Output" + java.util.Arrays.toString(o.shape());
        }
        if (n instanceof NirNode.Flatten f) {
            return "Flatten" + f.startDim() + f.endDim() + java.util.Arrays.toString(f.inputType());
        }
        final StringBuilder sb = new StringBuilder(n.nirType());
        for (java.lang.reflect.RecordComponent c : n.getClass().getRecordComponents()) {
            try {
                final Object v = c.getAccessor().invoke(n);
                sb.append(' ').append(c.getName()).append('=')
                        .append(v instanceof Tensor t ? t + java.util.Arrays.toString(t.values()) : v);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return sb.toString();
    }
}
