package dev.metricsadapter.demo;

/**
 * What a load run did.
 *
 * @param elapsedSeconds time from start to the last answer
 * @param planned requests the profile planned for the time run (capped by max requests)
 * @param sent requests sent
 * @param ok answers with a 2xx status
 * @param httpErrors answers with another status
 * @param failed requests without an answer (timeout, refused connection, ...)
 * @param dropped planned requests not sent because too many were in flight
 * @param interrupted whether the run was stopped before its end
 */
public record LoadSummary(
    double elapsedSeconds,
    long planned,
    long sent,
    long ok,
    long httpErrors,
    long failed,
    long dropped,
    boolean interrupted) {

  /** Requests sent that did not succeed. */
  public long errors() {
    return httpErrors + failed;
  }

  /** The one-line final report. */
  public String line() {
    return String.format(
        java.util.Locale.ROOT,
        "load %s t=%.1fs planned=%d sent=%d ok=%d errors=%d (http=%d, failed=%d) dropped=%d"
            + " achieved=%.1f rps",
        interrupted ? "stopped" : "done",
        elapsedSeconds,
        planned,
        sent,
        ok,
        errors(),
        httpErrors,
        failed,
        dropped,
        elapsedSeconds > 0 ? sent / elapsedSeconds : 0);
  }
}
