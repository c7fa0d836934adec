package io.github.flowanomaly.tribuo.experiment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flowanomaly.tribuo.evaluation.OodResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an experiment directory written by {@link ExperimentRunner} ({@code record.json}, {@code scores.json},
 * {@code samples.json}) back into an {@link ExperimentRecord}, e.g. to redraw its report. The thresholded Tribuo
 * evaluations are kept in {@code record.json} only and are not read back.
 */
public final class ExperimentFiles {

    private ExperimentFiles() {}

    /**
     * Reads an experiment directory.
     *
     * @param dir the directory.
     * @return the record.
     * @throws IOException if a file is missing or malformed.
     */
    public static ExperimentRecord read(Path dir) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Path recordFile = dir.resolve("record.json");
        if (!Files.isRegularFile(recordFile)) {
            throw new IllegalArgumentException("No record.json in " + dir + "; expected an experiment directory");
        }
        JsonNode record = mapper.readTree(recordFile.toFile());
        List<DetectorResult> results = new ArrayList<>();
        for (JsonNode row : record.get("results")) {
            results.add(new DetectorResult(row.get("detector").asText(), row.get("in_distribution").asText(),
                    new OodResult(row.get("ood").asText(), row.get("n_in").asInt(), row.get("n_ood").asInt(),
                            row.get("auroc").asDouble(), row.get("aupr_in").asDouble(),
                            row.get("aupr_out").asDouble(), row.get("fpr_at_95_tpr").asDouble())));
        }
        Map<String, Double> timings = mapper.convertValue(record.get("timings_seconds"),
                new TypeReference<LinkedHashMap<String, Double>>() { });
        Map<String, Object> environment = mapper.convertValue(record.get("environment"),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        Map<String, Object> provenance = mapper.convertValue(record.get("provenance"),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        Map<String, Map<String, double[]>> scores = Files.exists(dir.resolve("scores.json"))
                ? mapper.readValue(dir.resolve("scores.json").toFile(),
                new TypeReference<LinkedHashMap<String, Map<String, double[]>>>() { }) : Map.of();
        List<SampleGrid> samples = Files.exists(dir.resolve("samples.json"))
                ? mapper.readValue(dir.resolve("samples.json").toFile(), new TypeReference<List<SampleGrid>>() { })
                : List.of();
        List<String> baselines = new ArrayList<>();
        if (record.has("baselines")) {
            record.get("baselines").forEach(b -> baselines.add(b.asText()));
        }
        return new ExperimentRecord(record.get("name").asText(), results, Map.of(), provenance, timings,
                environment, record.get("command_line").asText(), scores, samples, baselines);
    }
}
