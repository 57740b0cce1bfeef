/**
 * Training tasks for recurrent spiking networks, each a {@link org.spikering.plasticity.data.SequenceSource}
 * (deterministic per seed) with a {@link org.spikering.app.task.TaskPreset} holding the published network and
 * training settings. Time step 1 ms unless stated.
 */
package org.spikering.app.task;
