package io.ringwatch.service.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ringwatch.detectors.stores.StoreWindow;
import io.ringwatch.detectors.stores.WindowReconciliation;
import io.ringwatch.gremlin.GraphQueries;
import io.ringwatch.gremlin.History;
import io.ringwatch.service.config.RingwatchConfig;
import io.ringwatch.service.ingest.StoredEvents;
import io.ringwatch.service.stores.StoreWindowBuffer;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Store windows of suspicious sales: reconciliation against the fraud later confirmed. */
@Path("/stores/windows")
@Produces(MediaType.APPLICATION_JSON)
public class StoreResource {
  private final GraphQueries graph;
  private final StoreWindowBuffer windows;
  private final int maxEvents;

  public StoreResource(GraphQueries graph, StoreWindowBuffer windows, RingwatchConfig config) {
    this.graph = graph;
    this.windows = windows;
    this.maxEvents = config.stores().reconciliationMaxEvents();
  }

  /** One window on the wire. */
  public record WindowDto(
      @JsonProperty("window_start") Instant windowStart,
      @JsonProperty("window_end") Instant windowEnd,
      @JsonProperty("store_id") String storeId,
      @JsonProperty("suspicious_ids") List<String> suspiciousIds,
      @JsonProperty("confirmed_fraud_ids") List<String> confirmedFraudIds,
      @JsonProperty("not_confirmed_ids") List<String> notConfirmedIds,
      @JsonProperty("missed_fraud_ids") List<String> missedFraudIds) {
    static WindowDto of(WindowReconciliation r) {
      StoreWindow w = r.window();
      return new WindowDto(
          w.windowStart(),
          w.windowEnd(),
          w.storeId(),
          w.ids(),
          r.confirmedFraud(),
          r.notConfirmed(),
          r.missedFraud());
    }
  }

  /** The answer: the windows, and whether the read was cut at the bound. */
  public record ReconciliationDto(
      Instant from,
      Instant to,
      String store,
      List<WindowDto> windows,
      @JsonProperty("transactions_read") long transactionsRead,
      boolean truncated) {}

  @GET
  @Path("/reconciliation")
  @Blocking
  @Operation(
      summary = "Per store window, the suspicious sale ids against those later confirmed as fraud",
      description =
          "Recomputes the windows of [from, to) (widened to whole windows) from the transactions"
              + " stored in the graph, late events included, and sets each window's suspicious"
              + " ids (discount > 50 and priority shipping) against the fraud labels stored on"
              + " the transactions now: confirmed_fraud_ids, not_confirmed_ids, and"
              + " missed_fraud_ids (the store's fraud in the window that was not suspicious)."
              + " 400 for a missing or malformed from/to or from not before to.")
  public ReconciliationDto reconciliation(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("store") String store) {
    Instant start = instant("from", from);
    Instant end = instant("to", to);
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("from must be before to");
    }
    long size = windows.size().toMillis();
    Instant alignedFrom = Instant.ofEpochMilli(Math.floorDiv(start.toEpochMilli(), size) * size);
    Instant alignedTo =
        Instant.ofEpochMilli(Math.floorDiv(end.toEpochMilli() + size - 1, size) * size);
    History history = graph.history(alignedFrom, alignedTo, maxEvents, StoredEvents::decode);
    String only = store == null || store.isBlank() ? null : store.strip();
    List<WindowDto> result =
        WindowReconciliation.of(history.events(), Duration.ofMillis(size), only).stream()
            .map(WindowDto::of)
            .toList();
    return new ReconciliationDto(
        alignedFrom, alignedTo, only, result, history.matched(), history.truncated());
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required (an ISO-8601 instant)");
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, was '" + value + "'");
    }
  }
}
