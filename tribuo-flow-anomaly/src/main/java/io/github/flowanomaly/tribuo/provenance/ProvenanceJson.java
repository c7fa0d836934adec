package io.github.flowanomaly.tribuo.provenance;

import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;

/**
 * Exports provenance (of a model, trainer or data source) as JSON, in OLCUT's marshalled form, which
 * {@code ProvenanceUtil.unmarshalProvenance} reads back.
 */
public final class ProvenanceJson {

    private ProvenanceJson() {}

    /**
     * Serialises a provenance to indented JSON.
     *
     * @param provenance the provenance.
     * @return the JSON text.
     */
    public static String toJson(ObjectProvenance provenance) {
        return new JsonProvenanceSerialization(true).serializeToString(ProvenanceUtil.marshalProvenance(provenance));
    }
}
