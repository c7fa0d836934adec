/**
 * Experiment reports: {@code report.md} with the results table, ROC curves per OOD set, score histograms of
 * in-distribution vs OOD images (raw likelihood, each level, likelihood ratio: the paper's Fig. 2 story) and grids of
 * samples from each Glow, drawn with JFreeChart.
 */
package io.github.flowanomaly.report;
