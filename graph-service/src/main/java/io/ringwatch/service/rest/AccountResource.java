package io.ringwatch.service.rest;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.rings.Membership;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingTracker;
import io.ringwatch.gremlin.AccountSummary;
import io.ringwatch.gremlin.GraphQueries;
import io.ringwatch.gremlin.RingMembershipRecord;
import io.ringwatch.gremlin.RingQueries;
import io.ringwatch.service.rings.RingViewsAccess;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Accounts as the graph knows them. */
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {
  private final GraphQueries queries;
  private final RingTracker rings;
  private final RingQueries stored;

  public AccountResource(GraphQueries queries, RingTracker rings, RingQueries stored) {
    this.queries = queries;
    this.rings = rings;
    this.stored = stored;
  }

  /**
   * 404 unless the ring projection or the graph knows the account. A ring member is known; while a
   * re-clustering pass runs, the graph answers instead of the projection (no wait on the pass).
   */
  private void requireKnown(AccountId accountId, String id) {
    if (!rings.ringsOf(accountId).isEmpty()) {
      return;
    }
    boolean known = rings.knowsUnlessBusy(accountId).orElse(false);
    if (!known && queries.account(accountId).isEmpty()) {
      throw new NotFound("account", id);
    }
  }

  @GET
  @Path("/{id}/rings")
  @Blocking
  @Operation(
      summary = "Every ring the account was ever in, as stored in the graph, current and former",
      description =
          "Most recent membership first; \"status\" is current or former (with \"until\"). 200"
              + " with an empty list when the account was never in a ring; 404 when unknown.")
  public Map<String, Object> rings(@PathParam("id") String id) {
    AccountId accountId = AccountId.of(id);
    requireKnown(accountId, id);
    List<Map<String, Object>> memberships = new java.util.ArrayList<>();
    for (RingMembershipRecord m : stored.memberships(accountId)) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("ringId", m.ringId());
      view.put("kind", m.kind());
      view.put("ringStatus", m.ringStatus());
      view.put("score", m.score());
      view.put("role", m.role());
      view.put("status", m.status());
      view.put("since", m.since().toString());
      view.put("until", m.until() == null ? null : m.until().toString());
      memberships.add(view);
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("accountId", accountId.value());
    view.put("memberships", memberships);
    return view;
  }

  @GET
  @Path("/{id}/ring")
  @Blocking
  @Operation(
      summary = "The ring an account is in (highest score first), with role, since and evidence",
      description =
          "200 with \"ring\": null and \"status\": \"none\" when the account is in no ring;"
              + " 404 when the account is unknown.")
  public Map<String, Object> ring(@PathParam("id") String id) {
    AccountId accountId = AccountId.of(id);
    requireKnown(accountId, id);
    List<Ring> of = rings.ringsOf(accountId);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("accountId", accountId.value());
    if (of.isEmpty()) {
      view.put("status", "none");
      view.put("ring", null);
      view.put("otherRings", List.of());
      return view;
    }
    Ring ring = of.get(0);
    Membership membership = ring.membership(accountId).orElseThrow();
    view.put("status", "member");
    Map<String, Object> ringView = RingViewsAccess.summary(ring);
    ringView.put("role", membership.role().name());
    ringView.put("since", membership.since().toString());
    ringView.put("evidence", RingViewsAccess.evidence(ring));
    ringView.put(
        "paths", rings.pathsFrom(accountId, ring).stream().map(RingViewsAccess::path).toList());
    view.put("ring", ringView);
    view.put("otherRings", of.stream().skip(1).map(RingViewsAccess::summary).toList());
    return view;
  }

  @GET
  @Path("/{id}")
  @Blocking
  @Operation(
      summary = "An account with its devices, IPs, merchants, counterparties and counts",
      description = "404 when the account is unknown, 400 when the id is malformed.")
  public AccountSummary account(@PathParam("id") String id) {
    AccountId accountId = AccountId.of(id);
    return queries.account(accountId).orElseThrow(() -> new NotFound("account", id));
  }
}
