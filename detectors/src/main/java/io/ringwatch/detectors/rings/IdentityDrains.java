package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.AccountId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The identity bust-out typology (ADR 0015): accounts opened on shared identity documents (SSN,
 * e-mail, phone) that each drain into one collecting account, the collector sharing no document
 * with them. This is how first-party and synthetic-identity fraud rings cash out: a fraudster opens
 * accounts on a few borrowed or invented identities, and empties every one of them into the mule it
 * controls under its own name, so the mule is linked to the ring by money only.
 *
 * <p>Within a component: accounts are grouped by identity documents that currently link (degree
 * between 2 and the projection's cap, so a document everybody shares links nobody); a member of a
 * group <em>drains</em> into an account when at least half of the transactions it sent were
 * transfers to it. A collector that at least two members of one group drain into makes a candidate:
 * the collector ({@link MemberRole#MULE}) and those members ({@link MemberRole#SOURCE}). Members of
 * the group that do not drain there (an ordinary customer who shares a phone number by chance, with
 * a life of its own) stay out, and so does everyone else who merely paid the collector. A collector
 * sharing a document with its sources is the holder's own account (several accounts of one person
 * swept into the main one) and makes no candidate.
 *
 * <p>Cost O(Σ identity memberships + Σ transfers out of group members) per component.
 */
final class IdentityDrains {
  /** Fewest members of one identity group draining into the same collector. */
  static final int MIN_SOURCES = 2;

  /** Share of an account's sent transactions that went to one collector for it to drain there. */
  static final double DRAIN_SHARE = 0.5;

  private final AccountProjection projection;

  IdentityDrains(AccountProjection projection) {
    this.projection = projection;
  }

  /** The identity bust-outs within the component, each collector with its sources. */
  List<RingCandidate> drains(Set<AccountId> component) {
    List<RingCandidate> result = new ArrayList<>();
    for (Set<AccountId> group : identityGroups(component)) {
      Map<AccountId, List<TransferLink>> byCollector = new TreeMap<>();
      for (AccountId member : group) {
        drainOf(member)
            .forEach(t -> byCollector.computeIfAbsent(t.to(), k -> new ArrayList<>()).add(t));
      }
      for (Map.Entry<AccountId, List<TransferLink>> entry : byCollector.entrySet()) {
        AccountId collector = entry.getKey();
        List<TransferLink> drains = entry.getValue();
        Set<AccountId> sources = new TreeSet<>();
        drains.forEach(t -> sources.add(t.from()));
        sources.remove(collector);
        if (sources.size() < MIN_SOURCES || sharesIdentity(collector, sources)) {
          continue;
        }
        Map<AccountId, MemberRole> roles = new TreeMap<>();
        sources.forEach(s -> roles.put(s, MemberRole.SOURCE));
        roles.put(collector, MemberRole.MULE);
        List<TransferLink> links =
            drains.stream()
                .filter(t -> sources.contains(t.from()))
                .sorted(
                    Comparator.comparing(TransferLink::timestamp).thenComparing(TransferLink::txId))
                .toList();
        result.add(new RingCandidate(RingKind.IDENTITY_DRAIN, roles, links));
      }
    }
    return result;
  }

  /**
   * The transfers of the account's one drain target, if at least {@link #DRAIN_SHARE} of the
   * transactions it sent went there; else none.
   */
  private List<TransferLink> drainOf(AccountId account) {
    AccountActivity activity = projection.activity(account);
    if (activity == null || activity.events() == 0) {
      return List.of();
    }
    Map<AccountId, List<TransferLink>> byTarget = new HashMap<>();
    for (TransferLink t : projection.transfersFrom(account)) {
      byTarget.computeIfAbsent(t.to(), k -> new ArrayList<>()).add(t);
    }
    for (List<TransferLink> toOne : byTarget.values()) {
      if (toOne.size() >= DRAIN_SHARE * activity.events()) {
        return toOne;
      }
    }
    return List.of();
  }

  private boolean sharesIdentity(AccountId collector, Set<AccountId> sources) {
    for (SharedIdentifier id : projection.identifiersOf(collector)) {
      if (id.kind().isIdentity()) {
        for (AccountId user : projection.users(id)) {
          if (sources.contains(user)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Groups of two or more accounts of the component joined by linking identity documents. */
  private List<Set<AccountId>> identityGroups(Set<AccountId> component) {
    Map<AccountId, AccountId> parent = new HashMap<>();
    for (AccountId account : new TreeSet<>(component)) {
      for (SharedIdentifier id : projection.identifiersOf(account)) {
        if (!id.kind().isIdentity() || projection.weight(id) <= 0) {
          continue;
        }
        for (AccountId other : projection.users(id)) {
          if (!other.equals(account) && component.contains(other)) {
            union(parent, account, other);
          }
        }
      }
    }
    Map<AccountId, Set<AccountId>> groups = new TreeMap<>();
    for (AccountId account : parent.keySet()) {
      groups.computeIfAbsent(find(parent, account), k -> new TreeSet<>()).add(account);
    }
    return groups.values().stream().filter(g -> g.size() >= MIN_SOURCES).toList();
  }

  private static AccountId find(Map<AccountId, AccountId> parent, AccountId a) {
    AccountId root = a;
    while (!parent.getOrDefault(root, root).equals(root)) {
      root = parent.get(root);
    }
    AccountId next = a;
    while (!next.equals(root)) {
      AccountId up = parent.get(next);
      parent.put(next, root);
      next = up;
    }
    parent.putIfAbsent(root, root);
    return root;
  }

  private static void union(Map<AccountId, AccountId> parent, AccountId a, AccountId b) {
    AccountId ra = find(parent, a);
    AccountId rb = find(parent, b);
    if (!ra.equals(rb)) {
      // The smaller id becomes the root, so groups do not depend on the order of discovery.
      if (ra.compareTo(rb) < 0) {
        parent.put(rb, ra);
      } else {
        parent.put(ra, rb);
      }
    }
  }
}
