package io.ringwatch.service.rings;

import io.ringwatch.detectors.rings.EvidencePath;
import io.ringwatch.detectors.rings.IdentifierEvidence;
import io.ringwatch.detectors.rings.Membership;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingChange;
import io.ringwatch.detectors.rings.RingEvent;
import io.ringwatch.detectors.rings.TransferLink;
import io.ringwatch.gremlin.EvidenceTraversals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps ring records to the JSON shapes of REST answers and ring alerts (documented in ADR 0007).
 */
final class RingViews {
  private RingViews() {}

  static Map<String, Object> summary(Ring ring) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("ringId", ring.id().value());
    view.put("kind", ring.kind().name());
    view.put("status", ring.status().name());
    view.put("score", ring.score());
    view.put("size", ring.members().size());
    view.put("firstSeen", ring.firstSeen().toString());
    view.put("lastChanged", ring.lastChanged().toString());
    return view;
  }

  static Map<String, Object> detail(Ring ring) {
    Map<String, Object> view = summary(ring);
    view.put("members", ring.members().stream().map(RingViews::membership).toList());
    view.put("formerMembers", ring.former().stream().map(RingViews::membership).toList());
    view.put("evidence", evidence(ring));
    return view;
  }

  static Map<String, Object> membership(Membership m) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("accountId", m.account().value());
    view.put("role", m.role().name());
    view.put("since", m.since().toString());
    if (m.until() != null) {
      view.put("until", m.until().toString());
    }
    return view;
  }

  static Map<String, Object> evidence(Ring ring) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put(
        "identifiers", ring.evidence().identifiers().stream().map(RingViews::identifier).toList());
    view.put("transfers", ring.evidence().transfers().stream().map(RingViews::transfer).toList());
    view.put("signals", ring.evidence().signals());
    view.put("gremlin", EvidenceTraversals.of(ring));
    return view;
  }

  static Map<String, Object> identifier(IdentifierEvidence e) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("kind", e.identifier().kind().name().toLowerCase(java.util.Locale.ROOT));
    view.put("value", e.identifier().value());
    view.put("members", e.members());
    view.put("users", e.users());
    return view;
  }

  static Map<String, Object> transfer(TransferLink t) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("txId", t.txId());
    view.put("from", t.from().value());
    view.put("to", t.to().value());
    view.put("amount", t.amount());
    view.put("ts", t.timestamp().toString());
    return view;
  }

  static Map<String, Object> path(EvidencePath p) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("to", p.to().value());
    view.put("via", p.via());
    view.put("detail", p.detail());
    return view;
  }

  /** The ring-alerts message: event type, ids involved, the ring with members and evidence. */
  static Map<String, Object> alert(RingEvent event) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("eventType", event.type().name());
    view.put("ringId", event.ring().id().value());
    view.put("at", event.at().toString());
    view.put("relatedRingIds", event.related().stream().map(r -> r.value()).toList());
    view.put("added", event.added().stream().map(a -> a.value()).toList());
    view.put("removed", event.removed().stream().map(a -> a.value()).toList());
    view.put("ring", detail(event.ring()));
    return view;
  }

  static List<Map<String, Object>> history(List<RingChange> events) {
    return events.stream()
        .map(
            e -> {
              Map<String, Object> view = new LinkedHashMap<>();
              view.put("eventType", e.type().name());
              view.put("at", e.at().toString());
              view.put("score", e.score());
              view.put("members", e.members());
              view.put("relatedRingIds", e.related().stream().map(r -> r.value()).toList());
              view.put("added", e.added().stream().map(a -> a.value()).toList());
              view.put("removed", e.removed().stream().map(a -> a.value()).toList());
              return view;
            })
        .toList();
  }
}
