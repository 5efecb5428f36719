package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.AccountId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
 * <p>Within a component: an account <em>drains</em> into another when at least half of the
 * transactions it sent were transfers to it; accounts are grouped by identity documents that
 * currently link (degree between 2 and the projection's cap, so a document everybody shares links
 * nobody). A collector is a bust-out's when at least two members of one group drain into it. The
 * candidate is the collector ({@link MemberRole#MULE}) and every account that drains into it
 * ({@link MemberRole#SOURCE}), those in the group and those whose documents link to no other source
 * yet (a faux account opened on a fresh combination of the fraudster's identities). Sources sharing
 * a document with the collector are the holder's own accounts swept into the main one and do not
 * count. Accounts that merely paid the collector (its ordinary counterparties, one transfer among
 * dozens) stay out, and so does a customer who shares a phone number with a faux account by chance:
 * it joins the group but does not drain.
 *
 * <p>Cost O(Σ identity memberships + Σ transfers out of the component's accounts) per component.
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

  /** The identity bust-outs within the component, one per collector, with all its sources. */
  List<RingCandidate> drains(Set<AccountId> component) {
    Map<AccountId, AccountId> groupOf = identityGroups(component);
    if (groupOf.isEmpty()) {
      return List.of(); // no documents shared: the common case without identities, kept cheap
    }
    Map<AccountId, List<TransferLink>> byCollector = new TreeMap<>();
    for (AccountId account : new TreeSet<>(component)) {
      for (TransferLink t : drainOf(account)) {
        if (component.contains(t.to())) {
          byCollector.computeIfAbsent(t.to(), k -> new ArrayList<>()).add(t);
        }
      }
    }
    List<RingCandidate> result = new ArrayList<>();
    for (Map.Entry<AccountId, List<TransferLink>> entry : byCollector.entrySet()) {
      AccountId collector = entry.getKey();
      Set<AccountId> sources = new TreeSet<>();
      entry.getValue().forEach(t -> sources.add(t.from()));
      sources.removeAll(ownAccounts(collector));
      Map<AccountId, Integer> perGroup = new HashMap<>();
      for (AccountId source : sources) {
        AccountId group = groupOf.get(source);
        if (group != null) {
          perGroup.merge(group, 1, Integer::sum);
        }
      }
      if (perGroup.values().stream().noneMatch(n -> n >= MIN_SOURCES)) {
        continue;
      }
      Map<AccountId, MemberRole> roles = new TreeMap<>();
      sources.forEach(source -> roles.put(source, MemberRole.SOURCE));
      roles.put(collector, MemberRole.MULE);
      List<TransferLink> links =
          entry.getValue().stream()
              .filter(t -> sources.contains(t.from()))
              .sorted(
                  Comparator.comparing(TransferLink::timestamp).thenComparing(TransferLink::txId))
              .toList();
      result.add(new RingCandidate(RingKind.IDENTITY_DRAIN, roles, links));
    }
    return result;
  }

  /**
   * The (remembered) transfers to the account's one drain target, if at least {@link #DRAIN_SHARE}
   * of the transactions it sent went there; else none.
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
    for (Map.Entry<AccountId, List<TransferLink>> toOne : byTarget.entrySet()) {
      if (projection.transfersSent(account, toOne.getKey()) >= DRAIN_SHARE * activity.events()) {
        return toOne.getValue();
      }
    }
    return List.of();
  }

  /** Accounts sharing an identity document with {@code collector}: the holder's own. */
  private Set<AccountId> ownAccounts(AccountId collector) {
    Set<AccountId> own = new HashSet<>();
    for (SharedIdentifier id : projection.identifiersOf(collector)) {
      if (id.kind().isIdentity()) {
        own.addAll(projection.users(id));
      }
    }
    return own;
  }

  /** The group (its smallest account) of every account joined to another by a linking document. */
  private Map<AccountId, AccountId> identityGroups(Set<AccountId> component) {
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
    Map<AccountId, AccountId> groupOf = new HashMap<>();
    for (AccountId account : new ArrayList<>(parent.keySet())) {
      groupOf.put(account, find(parent, account));
    }
    return groupOf;
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
