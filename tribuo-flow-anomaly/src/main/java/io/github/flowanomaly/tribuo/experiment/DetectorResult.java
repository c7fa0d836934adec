package io.github.flowanomaly.tribuo.experiment;

import io.github.flowanomaly.tribuo.evaluation.OodResult;

/**
 * One row of an experiment's results: a detector evaluated on the in-distribution test set against one OOD set.
 *
 * @param detector       detector name, e.g. "likelihood ratio + outlier loss".
 * @param inDistribution in-distribution set name.
 * @param result         the OOD metrics.
 */
public record DetectorResult(String detector, String inDistribution, OodResult result) {
}
