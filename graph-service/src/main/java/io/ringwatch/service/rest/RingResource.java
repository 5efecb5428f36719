package io.ringwatch.service.rest;

import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingEvent;
import io.ringwatch.detectors.rings.RingId;
import io.ringwatch.detectors.rings.RingStatus;
import io.ringwatch.detectors.rings.RingSubgraph;
import io.ringwatch.detectors.rings.RingTracker;
import io.ringwatch.service.rings.RingService;
import io.ringwatch.service.rings.RingViewsAccess;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Rings: lists, details with a drawable subgraph, history, and an on-demand recompute. */
@Path("/rings")
@Produces(MediaType.APPLICATION_JSON)
public class RingResource {
  private final RingTracker tracker;
  private final RingService service;

  public RingResource(RingTracker tracker, RingService service) {
    this.tracker = tracker;
    this.service = service;
  }

  @GET
  @Blocking
  @Operation(summary = "Rings by descending score, filtered by minimum score and status, paged")
  public Map<String, Object> rings(
      @QueryParam("minScore") @DefaultValue("0") double minScore,
      @QueryParam("status") @DefaultValue("ACTIVE") String status,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset) {
    if (limit < 1 || limit > 1000 || offset < 0) {
      throw new IllegalArgumentException("limit must be within 1..1000 and offset not negative");
    }
    if (minScore < 0 || minScore > 1) {
      throw new IllegalArgumentException("minScore must be within 0..1");
    }
    RingStatus wanted = RingStatus.valueOf(status.toUpperCase(Locale.ROOT));
    List<Ring> matching =
        tracker.rings().stream()
            .filter(r -> r.status() == wanted && r.score() >= minScore)
            .sorted(
                java.util.Comparator.comparingDouble(Ring::score)
                    .reversed()
                    .thenComparing(Ring::id))
            .toList();
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("total", matching.size());
    page.put("offset", offset);
    page.put("limit", limit);
    page.put(
        "rings",
        matching.stream().skip(offset).limit(limit).map(RingViewsAccess::summary).toList());
    return page;
  }

  @GET
  @Path("/{id}")
  @Blocking
  @Operation(summary = "A ring with members, evidence and its subgraph as nodes and edges")
  public Map<String, Object> ring(@PathParam("id") String id) {
    Ring ring = tracker.ring(RingId.of(id)).orElseThrow(() -> new NotFound("ring", id));
    Map<String, Object> view = RingViewsAccess.detail(ring);
    RingSubgraph graph = tracker.subgraph(ring);
    view.put("graph", Map.of("nodes", graph.nodes(), "edges", graph.edges()));
    return view;
  }

  @GET
  @Path("/{id}/history")
  @Blocking
  @Operation(summary = "The ring's lifecycle events, oldest first")
  public List<Map<String, Object>> history(@PathParam("id") String id) {
    RingId ringId = RingId.of(id);
    tracker.ring(ringId).orElseThrow(() -> new NotFound("ring", id));
    return RingViewsAccess.history(service.history(ringId));
  }

  @POST
  @Path("/recompute")
  @Blocking
  @Operation(summary = "Re-clusters every component now; returns the lifecycle events published")
  public Map<String, Object> recompute() {
    List<RingEvent> events = service.recomputeAll();
    return Map.of(
        "events", events.size(), "rings", tracker.rings().stream().filter(Ring::isActive).count());
  }
}
