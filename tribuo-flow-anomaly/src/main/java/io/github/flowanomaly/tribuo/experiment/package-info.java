/**
 * Experiments: the paper's protocol (general model, fine-tuned in-distribution models with and without the outlier
 * loss, a from-scratch model, every detector, Tribuo baselines) configured in OLCUT XML, run end to end, and recorded
 * with metrics, full provenance and timings.
 */
package io.github.flowanomaly.tribuo.experiment;
