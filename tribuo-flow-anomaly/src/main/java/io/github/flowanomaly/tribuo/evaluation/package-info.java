/**
 * Out-of-distribution (OOD) evaluation of anomaly detectors.
 * <p>
 * Convention of the whole library: an {@link org.tribuo.anomaly.Event}'s score is an anomaly score, higher meaning
 * more anomalous. In-distribution examples have the ground truth
 * {@link org.tribuo.anomaly.Event.EventType#EXPECTED}, out-of-distribution ones
 * {@link org.tribuo.anomaly.Event.EventType#ANOMALOUS}.
 * <ul>
 *     <li>{@link io.github.flowanomaly.tribuo.evaluation.OodMetrics}: threshold-free metrics (AUROC, AUPR-In,
 *     AUPR-Out, FPR at 95% TPR) and ROC curves on raw score arrays, with ties handled as scikit-learn does.</li>
 *     <li>{@link io.github.flowanomaly.tribuo.evaluation.OodEvaluator}: scores a Tribuo model on an
 *     in-distribution set and named OOD sets, producing an
 *     {@link io.github.flowanomaly.tribuo.evaluation.OodEvaluation}, which also keeps Tribuo's thresholded
 *     {@link org.tribuo.anomaly.evaluation.AnomalyEvaluation} per OOD set.</li>
 * </ul>
 * The evaluation protocol (sets, AUROC orientation, treatment of non-finite scores) follows §5 of the method spec:
 * <pre>
 * R. T. Schirrmeister, Y. Zhou, T. Ball, D. Zhang.
 * "Understanding Anomaly Detection with Deep Invertible Networks through Hierarchies of Distributions and Features".
 * NeurIPS 2020, arXiv:2006.10848.
 * </pre>
 * FPR at 95% TPR follows the out-of-distribution literature:
 * <pre>
 * D. Hendrycks, K. Gimpel. "A Baseline for Detecting Misclassified and Out-of-Distribution Examples
 * in Neural Networks". ICLR 2017.
 * S. Liang, Y. Li, R. Srikant. "Enhancing The Reliability of Out-of-distribution Image Detection
 * in Neural Networks". ICLR 2018 (ODIN).
 * </pre>
 */
package io.github.flowanomaly.tribuo.evaluation;
