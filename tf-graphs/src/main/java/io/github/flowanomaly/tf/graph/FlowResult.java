package io.github.flowanomaly.tf.graph;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The output of an invertible layer: the transformed tensor and the log-determinant of its Jacobian.
 *
 * @param output the transformed tensor.
 * @param logDet the log-determinant, per example ({@code [N]}) or, for data-independent Jacobians, a scalar that
 *               broadcasts over the batch.
 * @param <T>    the floating point type.
 */
public record FlowResult<T extends TFloating>(Operand<T> output, Operand<T> logDet) {
}
