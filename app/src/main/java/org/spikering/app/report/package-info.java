/**
 * Result files of the command line. Every command that writes a set of results writes it through a
 * {@link org.spikering.app.report.ResultFolder}: the {@code --out} folder is locked for the whole run, the files are
 * written into a staging folder and swapped into place whole on commit, so a killed run leaves the previous complete
 * set or the new complete set and a second run on the same folder is refused. Each file is written atomically
 * ({@link org.spikering.app.report.AtomicFiles}: temp file + rename, umask permissions); CSV tables, JSON documents
 * and PNG plots have their writers here. Long studies ({@code hw study}, {@code reservoir scaling}) are sweeps
 * ({@code org.spikering.app.sweep}), which keep each complete run across a kill. Library modules compute; only
 * {@code app} writes files.
 */
package org.spikering.app.report;
