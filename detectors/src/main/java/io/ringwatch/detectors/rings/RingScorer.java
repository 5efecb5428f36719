package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.AccountId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores a candidate ring from 0 to 1 and collects its evidence. The structural signals count once,
 * by their maximum {@code S}; the score is the noisy-or {@code 1 − (1 − S)(1 − L)(1 − R)} with the
 * label signal L and the reported-score signal R. The signals and their ceilings:
 *
 * <ul>
 *   <li>{@code fraudLabels} (≤ 0.9): share of members with a fraud-labelled event;
 *   <li>{@code reportedScores} (≤ 0.9): mean of the members' highest decision or prior ring score;
 *   <li>{@code sharedIdentifiers} (≤ 0.45): share of members on an identifier shared inside the
 *       ring, growing with the ring's size (a family of three sharing a tablet scores 0.06);
 *   <li>{@code density} (≤ 0.2): internal link weight per pair of members;
 *   <li>{@code transferLoop} (0.3, 0.6 when every hop carries the amount on within 25%);
 *   <li>{@code fan} (0.3, 0.45 when the mule sends on at least 80% of what came in);
 *   <li>{@code identityDrain} (0.6): accounts on shared identity documents draining into one
 *       collector that shares none of them (ADR 0015).
 * </ul>
 *
 * Structure alone stays below the default threshold of 0.5 except for a laundering-shaped loop and
 * an identity bust-out; labels, decisions or a second structural signal push a group over. Cost
 * O(members + their links).
 */
final class RingScorer {
  /** Signal of an identity bust-out: enough alone to make a ring at the default threshold. */
  static final double IDENTITY_DRAIN_SIGNAL = 0.6;

  private final AccountProjection projection;

  RingScorer(AccountProjection projection) {
    this.projection = projection;
  }

  record Scored(double score, RingEvidence evidence) {}

  Scored score(RingCandidate candidate) {
    Set<AccountId> members = candidate.members();
    int n = members.size();
    Map<String, Double> signals = new TreeMap<>();
    int labelled = 0;
    double reported = 0;
    for (AccountId a : members) {
      AccountActivity activity = projection.activity(a);
      if (activity != null) {
        labelled += activity.fraudLabelled() > 0 ? 1 : 0;
        reported += activity.maxScore();
      }
    }
    signals.put("fraudLabels", 0.9 * labelled / n);
    signals.put("reportedScores", 0.9 * reported / n);

    List<IdentifierEvidence> identifiers = identifiers(members);
    Set<AccountId> onShared = new java.util.HashSet<>();
    for (IdentifierEvidence e : identifiers) {
      onShared.addAll(projection.users(e.identifier()).stream().filter(members::contains).toList());
    }
    double sizeFactor = Math.min(1.0, Math.max(0, n - 2) / 8.0);
    signals.put("sharedIdentifiers", 0.45 * sizeFactor * onShared.size() / n);

    double internal = 0;
    for (AccountId a : members) {
      for (Map.Entry<AccountId, Double> link : projection.neighbours(a).entrySet()) {
        if (members.contains(link.getKey())) {
          internal += link.getValue();
        }
      }
    }
    double pairs = n * (n - 1) / 2.0;
    signals.put("density", pairs == 0 ? 0 : 0.2 * Math.min(1, internal / 2 / pairs));

    List<TransferLink> transfers = candidate.transfers();
    if (candidate.kind() == RingKind.TRANSFER_LOOP) {
      BigDecimal min =
          transfers.stream()
              .map(TransferLink::amount)
              .min(BigDecimal::compareTo)
              .orElse(BigDecimal.ZERO);
      BigDecimal max =
          transfers.stream()
              .map(TransferLink::amount)
              .max(BigDecimal::compareTo)
              .orElse(BigDecimal.ZERO);
      boolean carried = min.signum() > 0 && max.doubleValue() / min.doubleValue() <= 1.25;
      signals.put("transferLoop", carried ? 0.6 : 0.3);
    } else if (candidate.kind() == RingKind.FAN_IN) {
      AccountId mule = muleOf(candidate);
      List<TransferLink> in = transfers.stream().filter(t -> t.to().equals(mule)).toList();
      List<TransferLink> out = transfers.stream().filter(t -> t.from().equals(mule)).toList();
      signals.put("fan", MoneyFlowTypologies.passThrough(in, out) >= 0.8 ? 0.45 : 0.3);
    } else if (candidate.kind() == RingKind.FAN_OUT) {
      signals.put("fan", 0.3);
    } else if (candidate.kind() == RingKind.IDENTITY_DRAIN) {
      // Accounts on shared identity documents emptied into a stranger's account (ADR 0015).
      signals.put("identityDrain", IDENTITY_DRAIN_SIGNAL);
    } else {
      transfers = internalTransfers(members);
    }
    // Structure counts once (its strongest signal), so several weak structural hints cannot add up
    // to a ring on their own; labels and reported scores are independent evidence.
    double structure = 0;
    for (Map.Entry<String, Double> s : signals.entrySet()) {
      if (!s.getKey().equals("fraudLabels") && !s.getKey().equals("reportedScores")) {
        structure = Math.max(structure, s.getValue());
      }
    }
    double keep =
        (1 - structure) * (1 - signals.get("fraudLabels")) * (1 - signals.get("reportedScores"));
    double score = Math.round((1 - keep) * 1000) / 1000.0;
    return new Scored(score, new RingEvidence(identifiers, transfers, signals));
  }

  private static AccountId muleOf(RingCandidate candidate) {
    return candidate.roles().entrySet().stream()
        .filter(e -> e.getValue() == MemberRole.MULE)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }

  /** Identifiers used by at least two members, most shared first. */
  List<IdentifierEvidence> identifiers(Set<AccountId> members) {
    Map<SharedIdentifier, Integer> counts = new HashMap<>();
    for (AccountId a : members) {
      for (SharedIdentifier id : projection.identifiersOf(a)) {
        counts.merge(id, 1, Integer::sum);
      }
    }
    List<IdentifierEvidence> result = new ArrayList<>();
    counts.forEach(
        (id, count) -> {
          if (count >= 2) {
            result.add(new IdentifierEvidence(id, count, Math.max(count, projection.degree(id))));
          }
        });
    result.sort(
        java.util.Comparator.comparingInt(IdentifierEvidence::members)
            .reversed()
            .thenComparing(IdentifierEvidence::identifier));
    return result;
  }

  /** Transfers between members, oldest first, at most 100. */
  List<TransferLink> internalTransfers(Set<AccountId> members) {
    List<TransferLink> result = new ArrayList<>();
    for (AccountId a : members) {
      for (TransferLink t : projection.transfersFrom(a)) {
        if (members.contains(t.to())) {
          result.add(t);
        }
      }
    }
    result.sort(
        java.util.Comparator.comparing(TransferLink::timestamp).thenComparing(TransferLink::txId));
    return result.size() > 100
        ? List.copyOf(result.subList(result.size() - 100, result.size()))
        : result;
  }
}
