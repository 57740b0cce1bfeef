/**
 * NIR (Neuromorphic Intermediate Representation) graphs in and out, with jHDF (pure Java HDF5).
 *
 * <ul>
 *   <li>{@link org.spikering.nir.NirReader} / {@link org.spikering.nir.NirWriter}: the HDF5 layout of every NIR
 *       version from 0.1 to the gzip-compressed HEAD layout, into typed {@link org.spikering.nir.NirNode} records.</li>
 *   <li>{@code org.spikering.nir.run}: the step runner ({@code NirRunner}: NIR's semantics with the choices NIR leaves
 *       open made explicit in {@code RunOptions}), the engine runner ({@code EngineRunner}: spiking nodes as sim-core
 *       populations), and {@code NirConnectivity} for hardware mapping.</li>
 *   <li>{@code org.spikering.nir.export}: e-prop networks as NIR 1.0.x.</li>
 *   <li>{@code org.spikering.nir.sonata}: SONATA spike reports.</li>
 * </ul>
 * Units: NIR files store time constants in seconds and voltages without unit; the runners take dt in ms (the
 * project's unit) and convert. The working specification is {@code nir/NIR.md} in this module.
 */
package org.spikering.nir;
