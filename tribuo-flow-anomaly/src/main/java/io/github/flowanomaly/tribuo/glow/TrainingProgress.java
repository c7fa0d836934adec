package io.github.flowanomaly.tribuo.glow;

/**
 * A progress report of a Glow training run.
 *
 * @param model           which model is being trained (e.g. "glow", "general", "in-distribution").
 * @param epoch           the current epoch, 1-based.
 * @param step            applied plus skipped steps so far.
 * @param totalSteps      the planned number of steps, or -1 when a time budget decides.
 * @param bitsPerDim      the running mean training bits per dimension over recent steps.
 * @param imagesPerSecond training throughput since the start of the loop.
 * @param etaSeconds      estimated seconds remaining, or NaN when unknown.
 */
public record TrainingProgress(String model, int epoch, long step, long totalSteps, double bitsPerDim,
                               double imagesPerSecond, double etaSeconds) {

    /** @return a one-line human-readable summary. */
    public String describe() {
        String of = totalSteps > 0 ? "/" + totalSteps : "";
        String eta = Double.isNaN(etaSeconds) ? "?" : String.format(java.util.Locale.ROOT, "%.0fs", etaSeconds);
        return String.format(java.util.Locale.ROOT, "%s epoch %d step %d%s: %.4f bits/dim, %.1f images/s, ETA %s",
                model, epoch, step, of, bitsPerDim, imagesPerSecond, eta);
    }
}
