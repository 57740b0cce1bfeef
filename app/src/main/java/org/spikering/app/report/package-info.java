/**
 * Result files of the command line: atomic writes (temp file + rename), CSV tables, JSON
 * documents and PNG plots. Library modules compute; only {@code app} writes files, through these
 * classes, so that no command ever leaves a half-written result behind.
 */
package org.spikering.app.report;
