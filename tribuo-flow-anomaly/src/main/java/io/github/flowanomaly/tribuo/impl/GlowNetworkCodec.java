package io.github.flowanomaly.tribuo.impl;

import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.GlowWeights;
import io.github.flowanomaly.tf.WeightTensor;
import io.github.flowanomaly.tribuo.protos.GlowNetworkProto;
import io.github.flowanomaly.tribuo.protos.GlowSpecProto;
import io.github.flowanomaly.tribuo.protos.WeightTensorProto;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts a Glow's architecture and weights to and from protobuf.
 */
public final class GlowNetworkCodec {

    private GlowNetworkCodec() {}

    /**
     * Encodes a network.
     *
     * @param spec    the architecture.
     * @param weights the weights.
     * @return the message.
     */
    public static GlowNetworkProto toProto(GlowSpec spec, GlowWeights weights) {
        GlowNetworkProto.Builder b = GlowNetworkProto.newBuilder().setSpec(GlowSpecProto.newBuilder()
                .setHeight(spec.height()).setWidth(spec.width()).setChannels(spec.channels())
                .setLevels(spec.levels()).setStepsPerLevel(spec.stepsPerLevel())
                .setHiddenChannels(spec.hiddenChannels()).setSeed(spec.seed()));
        for (Map.Entry<String, WeightTensor> e : weights.tensors().entrySet()) {
            WeightTensorProto.Builder w = WeightTensorProto.newBuilder().setName(e.getKey());
            for (long d : e.getValue().shape()) {
                w.addShape(d);
            }
            for (float v : e.getValue().values()) {
                w.addValues(v);
            }
            b.addWeights(w);
        }
        return b.build();
    }

    /**
     * Decodes the architecture.
     *
     * @param proto the message.
     * @return the spec.
     */
    public static GlowSpec spec(GlowNetworkProto proto) {
        GlowSpecProto s = proto.getSpec();
        return new GlowSpec(s.getHeight(), s.getWidth(), s.getChannels(), s.getLevels(), s.getStepsPerLevel(),
                s.getHiddenChannels(), s.getSeed());
    }

    /**
     * Decodes the weights.
     *
     * @param proto the message.
     * @return the weights.
     */
    public static GlowWeights weights(GlowNetworkProto proto) {
        Map<String, WeightTensor> out = new LinkedHashMap<>();
        for (WeightTensorProto w : proto.getWeightsList()) {
            long[] shape = new long[w.getShapeCount()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = w.getShape(i);
            }
            float[] values = new float[w.getValuesCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = w.getValues(i);
            }
            out.put(w.getName(), new WeightTensor(shape, values));
        }
        return new GlowWeights(out);
    }
}
