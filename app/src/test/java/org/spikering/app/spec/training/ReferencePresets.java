package org.spikering.app.spec.training;

import org.spikering.app.task.BellecSineTask;
import org.spikering.app.task.DelayedMatchToSampleTask;
import org.spikering.app.task.EvidenceAccumulationTask;
import org.spikering.app.task.FourSixBackTask;
import org.spikering.app.task.NBackNetwork;
import org.spikering.app.task.NestSineTask;
import org.spikering.app.task.OptimizerSettings;
import org.spikering.app.task.TaskPreset;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.reference.NestSineWaveReference;

/**
 * The five presets exactly as {@code TaskPreset.of} built them in Java before the presets became the shipped spec
 * files (commit d7364ed, app/src/main/java/org/spikering/app/task/TaskPreset.java), kept here as the independent
 * reference that the files must reproduce bit for bit.
 */
final class ReferencePresets {

    private ReferencePresets() {
    }

    static TaskPreset of(final String name, final long seed) {
        switch (name) {
            case "sine-nest": {
                final NestSineWaveReference ref = NestSineWaveReference.load();
                return new TaskPreset("sine-nest", new NestSineTask(ref), ref.network(), OptimizerSettings.sgdConstant(),
                        1e-4, 1, 2000, 0, true, 1.0);
            }
            case "sine-bellec": {
                final BellecSineTask t = BellecSineTask.standard(seed);
                return new TaskPreset("sine-bellec", t, RecurrentNetwork.random(t.inputs(), 100, 1, 0,
                        NetworkParams.nestSineWave(), seed), OptimizerSettings.sgdConstant(), 1e-4, 1, 2000, 0, false, 1.0);
            }
            case "evidence": {
                final EvidenceAccumulationTask t = EvidenceAccumulationTask.standard();
                return new TaskPreset("evidence", t, RecurrentNetwork.random(t.inputs(), 100, 2, 50,
                        classificationParams(2000.0, 1.7), seed), OptimizerSettings.adamDefaults(), 5e-3, 32, 300, 0,
                        false, 1.0);
            }
            case "dms": {
                final DelayedMatchToSampleTask t = DelayedMatchToSampleTask.standard();
                return new TaskPreset("dms", t, RecurrentNetwork.random(t.inputs(), 100, 2, 50,
                        classificationParams(200.0, 1.7), seed), OptimizerSettings.adamDefaults(), 5e-3, 32, 300, 0,
                        false, 1.0);
            }
            case "nback": {
                final FourSixBackTask t = FourSixBackTask.standard();
                return new TaskPreset("nback", t, NBackNetwork.create(t.inputs(), seed), OptimizerSettings.adamDefaults(),
                        2e-3, 32, 600, t.scoredStepsPerSequence(), false, 1.0);
            }
            default:
                throw new IllegalArgumentException(name);
        }
    }

    private static NetworkParams classificationParams(final double tauAdaptMs, final double betaAdapt) {
        final double vth = 0.6;
        return new NetworkParams(1.0, 20.0, vth, 5, true, 0.3 / vth, 1.0 / vth, tauAdaptMs, betaAdapt, 20.0, 1.0, 10.0);
    }
}
