package io.github.flowanomaly.tf.graph;

import org.tensorflow.op.Op;

import org.tensorflow.Operand;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one forward pass under construction: its {@link BuildMode} and, in data-init mode, the assignments it
 * collects.
 */
public final class ForwardPass {

    private final BuildMode mode;
    private final List<Op> initAssignments = new ArrayList<>();
    private final Map<String, Operand<?>> observed = new LinkedHashMap<>();

    /**
     * Starts a forward pass.
     *
     * @param mode how layers are built.
     */
    public ForwardPass(BuildMode mode) {
        this.mode = mode;
    }

    /** @return whether layers initialise themselves from data in this pass. */
    public boolean isDataInit() {
        return mode == BuildMode.DATA_INIT;
    }

    /**
     * Records an assignment to run with a data-dependent initialisation.
     *
     * @param assignment the assign op.
     */
    public void addInitAssignment(Op assignment) {
        initAssignments.add(assignment);
    }

    /** @return the assignments collected so far. */
    public List<Op> initAssignments() {
        return Collections.unmodifiableList(initAssignments);
    }

    /**
     * Records an intermediate tensor under a name (e.g. every ActNorm output), for diagnostics and tests.
     *
     * @param name    the name of the layer that produced it.
     * @param operand the tensor.
     */
    public void observe(String name, Operand<?> operand) {
        observed.put(name, operand);
    }

    /** @return the tensors observed so far, by layer name, in build order. */
    public Map<String, Operand<?>> observed() {
        return Collections.unmodifiableMap(observed);
    }
}
