package org.spikering.plasticity.nestiaf;

import org.junit.jupiter.api.Test;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.reference.NestIafSineWaveReference;

class NestIafProbeTest {
    @Test
    void probe() {
        NestIafSineWaveReference ref = NestIafSineWaveReference.load();
        NestIafLearner l = ref.learner();
        SequenceBatch b = ref.batch(1);
        double[] nest = NestIafSineWaveReference.lossesFirstFive();
        double[] ro = NestIafSineWaveReference.readoutFirstIteration();
        for (int it = 0; it < 5; it++) {
            NestIafSequence s = l.present(b, 0, true);
            System.out.printf("it %d loss %.9f nest %.9f rel %.3e spikes %d%n", it + 1, s.loss(), nest[it], (s.loss() - nest[it]) / nest[it], s.spikes());
            if (it == 0) {
                double max = 0; int at = -1;
                for (int q = 0; q < ro.length; q++) { double d = Math.abs(ro[q] - s.readout()[q]); if (d > max) { max = d; at = q; } }
                System.out.println("readout max diff " + max + " at " + at);
                for (int q = 0; q < 8; q++) System.out.println(ro[q] + " " + s.readout()[q]);
            }
        }
        System.out.println(StrictMath.exp(-1.0/30) + " " + Math.exp(-1.0/30));
    }
}
