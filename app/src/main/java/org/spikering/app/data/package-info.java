/**
 * The user's own data and the weights handed back to Python (docs/DATA.md).
 * <ul>
 *   <li>NumPy files: {@link org.spikering.app.data.Npy} ({@code .npy}), {@link org.spikering.app.data.Npz}
 *       ({@code .npz}), {@link org.spikering.app.data.NpyArray} and {@link org.spikering.app.data.NpyDtype};</li>
 *   <li>data sets of input spikes and targets: {@link org.spikering.app.data.UserData#load} reads a
 *       {@code training.data} spec ({@link org.spikering.app.spec.data.DataSetSpec}) from .npy/.npz, CSV or SONATA
 *       files into a {@link org.spikering.app.data.UserDataSet} (a {@link org.spikering.app.task.HeldOutSource}:
 *       training batches from the training split, the test split held out);</li>
 *   <li>{@link org.spikering.app.data.WeightsNpz}: a trained network as {@code weights.npz}.</li>
 * </ul>
 */
package org.spikering.app.data;
