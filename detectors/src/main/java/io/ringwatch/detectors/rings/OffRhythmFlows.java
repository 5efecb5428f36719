package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.AccountId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Laundering typologies made of off-rhythm transfers: groups of accounts that move money between
 * them outside their usual weekly routine ({@link SendRhythm}), in the shapes that anti-money
 * laundering simulators and casework describe (fan-in, fan-out, cycle, scatter-gather,
 * gather-scatter, bipartite / stack layering).
 *
 * <p><b>Why rhythm.</b> A laundering transfer between accounts can look like any other payment: its
 * amount is ordinary and its period may span weeks or months. What gives it away is that it breaks
 * the sender's routine: the sender is an account that rarely or never sends (a mule opened for the
 * job, or a burst of daily sends), or an account with a routine that sends on a day it never does.
 * The signal means something only where routine is the norm, so nothing is reported unless at least
 * {@value #MIN_RHYTHMIC_SHARE_PERCENT}% of the population's transfers keep to their senders' rhythm
 * ({@link AccountProjection#rhythmicShare}).
 *
 * <p><b>Grouping.</b> An off-rhythm transfer from a sender without any rhythm is <i>strong</i>; one
 * from a sender with a rhythm (off its days, or in excess on one of them) is <i>weak</i>, since
 * routine senders now and then pay off their days. Strong transfers are kept; a weak transfer is
 * kept when both its accounts also take part in strong ones, when its sender made weak transfers to
 * at least {@value #HUB_MIN} different recipients on {@value #HUB_MIN} different days (a fan-out
 * from a routine account), or when it goes to an account that received at least two strong
 * transfers (a fan-in collector), off the sender's days or on one of them in excess: of a routine
 * sender's two transfers on its usual day, the one to the collector is the one that fits the
 * typology. The kept transfers' connected components are the groups. A group's typology is read
 * from its directed shape; its roles from each member's position in the flow (a sender only is a
 * SOURCE, a receiver only a RECIPIENT, both a HOP, the member with the most counterparties, if at
 * least three, the MULE).
 *
 * <p>Cost: O(T + A) for the T remembered transfers among the component's A accounts, plus a rhythm
 * summary per sender when it changed.
 */
final class OffRhythmFlows {
  static final int MIN_RHYTHMIC_SHARE_PERCENT = 50;
  static final int HUB_MIN = 3;
  private static final int MAX_EVIDENCE = 100;

  private final AccountProjection projection;
  private final TrackerSettings settings;

  OffRhythmFlows(AccountProjection projection, TrackerSettings settings) {
    this.projection = projection;
    this.settings = settings;
  }

  private record Flow(TransferLink transfer, boolean strong) {}

  /** Whether the population's transfers are routine enough for a departure to mean something. */
  boolean active() {
    return projection.rhythmicShare() * 100 >= MIN_RHYTHMIC_SHARE_PERCENT;
  }

  /** The component's off-rhythm groups, one candidate each. */
  List<RingCandidate> groups(Set<AccountId> component) {
    if (!active()) {
      return List.of();
    }
    List<Flow> flows = new ArrayList<>();
    Map<AccountId, Integer> strongDegree = new HashMap<>();
    Map<AccountId, Set<Long>> weakDays = new HashMap<>();
    Map<AccountId, Set<AccountId>> weakRecipients = new HashMap<>();
    for (AccountId from : component) {
      for (TransferLink t : projection.transfersFrom(from)) {
        if (!component.contains(t.to())) {
          continue;
        }
        SendRhythm.Regularity regularity = projection.regularity(t);
        if (!regularity.irregular()) {
          continue;
        }
        boolean strong = regularity == SendRhythm.Regularity.UNESTABLISHED;
        flows.add(new Flow(t, strong));
        if (strong) {
          strongDegree.merge(t.from(), 1, Integer::sum);
          strongDegree.merge(t.to(), 1, Integer::sum);
        } else {
          weakDays
              .computeIfAbsent(from, k -> new HashSet<>())
              .add(Math.floorDiv(t.timestamp().getEpochSecond(), 86_400L));
          weakRecipients.computeIfAbsent(from, k -> new HashSet<>()).add(t.to());
        }
      }
    }
    List<TransferLink> kept = new ArrayList<>();
    for (Flow f : flows) {
      TransferLink t = f.transfer();
      boolean keep =
          f.strong()
              || (strongDegree.containsKey(t.from()) && strongDegree.containsKey(t.to()))
              || (weakDays.get(t.from()).size() >= HUB_MIN
                  && weakRecipients.get(t.from()).size() >= HUB_MIN)
              || strongDegree.getOrDefault(t.to(), 0) >= 2;
      if (keep) {
        kept.add(t);
      }
    }
    return components(kept);
  }

  private List<RingCandidate> components(List<TransferLink> kept) {
    Map<AccountId, AccountId> parent = new HashMap<>();
    for (TransferLink t : kept) {
      union(parent, t.from(), t.to());
    }
    Map<AccountId, List<TransferLink>> byRoot = new TreeMap<>();
    for (TransferLink t : kept) {
      byRoot.computeIfAbsent(find(parent, t.from()), k -> new ArrayList<>()).add(t);
    }
    List<RingCandidate> result = new ArrayList<>();
    for (List<TransferLink> transfers : byRoot.values()) {
      Map<AccountId, Set<AccountId>> out = new TreeMap<>();
      Map<AccountId, Set<AccountId>> in = new TreeMap<>();
      Map<List<AccountId>, Integer> perPair = new HashMap<>();
      for (TransferLink t : transfers) {
        out.computeIfAbsent(t.from(), k -> new TreeSet<>()).add(t.to());
        in.computeIfAbsent(t.to(), k -> new TreeSet<>()).add(t.from());
        out.computeIfAbsent(t.to(), k -> new TreeSet<>());
        in.computeIfAbsent(t.from(), k -> new TreeSet<>());
        perPair.merge(List.of(t.from(), t.to()), 1, Integer::sum);
      }
      if (out.size() < settings.minRingSize()) {
        continue;
      }
      List<TransferLink> evidence =
          transfers.stream()
              .sorted(
                  Comparator.comparing(TransferLink::timestamp).thenComparing(TransferLink::txId))
              .toList();
      if (evidence.size() > MAX_EVIDENCE) {
        evidence = evidence.subList(evidence.size() - MAX_EVIDENCE, evidence.size());
      }
      result.add(
          new RingCandidate(
              RingKind.LAUNDERING, roles(out, in), evidence, typology(out, in, perPair)));
    }
    return result;
  }

  private static Map<AccountId, MemberRole> roles(
      Map<AccountId, Set<AccountId>> out, Map<AccountId, Set<AccountId>> in) {
    AccountId mule = null;
    int best = HUB_MIN - 1;
    for (AccountId a : out.keySet()) {
      Set<AccountId> counterparties = new HashSet<>(out.get(a));
      counterparties.addAll(in.get(a));
      if (counterparties.size() > best) {
        best = counterparties.size();
        mule = a;
      }
    }
    Map<AccountId, MemberRole> roles = new LinkedHashMap<>();
    for (AccountId a : out.keySet()) {
      boolean sends = !out.get(a).isEmpty();
      boolean receives = !in.get(a).isEmpty();
      MemberRole role =
          a.equals(mule)
              ? MemberRole.MULE
              : sends && receives
                  ? MemberRole.HOP
                  : sends ? MemberRole.SOURCE : MemberRole.RECIPIENT;
      roles.put(a, role);
    }
    return roles;
  }

  /**
   * The group's shape: {@code cycle} (a directed cycle), {@code scatterGather} (one source paying
   * at least two intermediaries who all pay one sink), {@code gatherScatter} (an account receiving
   * from at least two and paying at least two), {@code bipartite} (one sender paying at least two
   * recipients three times or more each: layering in a burst), {@code fanIn} / {@code fanOut} (an
   * account receiving from / paying at least three), else {@code layering}.
   */
  static String typology(
      Map<AccountId, Set<AccountId>> out,
      Map<AccountId, Set<AccountId>> in,
      Map<List<AccountId>, Integer> perPair) {
    if (hasCycle(out)) {
      return "cycle";
    }
    for (AccountId source : out.keySet()) {
      Set<AccountId> mids = out.get(source);
      if (mids.size() < 2) {
        continue;
      }
      Map<AccountId, Integer> sinks = new HashMap<>();
      for (AccountId mid : mids) {
        for (AccountId sink : out.get(mid)) {
          sinks.merge(sink, 1, Integer::sum);
        }
      }
      for (int n : sinks.values()) {
        if (n >= 2) {
          return "scatterGather";
        }
      }
    }
    for (AccountId a : out.keySet()) {
      if (out.get(a).size() >= 2 && in.get(a).size() >= 2) {
        return "gatherScatter";
      }
    }
    for (AccountId a : out.keySet()) {
      int repeated = 0;
      for (AccountId to : out.get(a)) {
        repeated += perPair.getOrDefault(List.of(a, to), 0) >= 3 ? 1 : 0;
      }
      if (repeated >= 2) {
        return "bipartite";
      }
    }
    int maxIn = 0;
    int maxOut = 0;
    for (AccountId a : out.keySet()) {
      maxIn = Math.max(maxIn, in.get(a).size());
      maxOut = Math.max(maxOut, out.get(a).size());
    }
    if (maxIn >= HUB_MIN && maxIn >= maxOut) {
      return "fanIn";
    }
    if (maxOut >= HUB_MIN) {
      return "fanOut";
    }
    return "layering";
  }

  private static boolean hasCycle(Map<AccountId, Set<AccountId>> out) {
    // Iterative three-colour depth-first search.
    Map<AccountId, Integer> state = new HashMap<>();
    for (AccountId root : out.keySet()) {
      if (state.containsKey(root)) {
        continue;
      }
      List<AccountId> stack = new ArrayList<>();
      List<java.util.Iterator<AccountId>> its = new ArrayList<>();
      stack.add(root);
      its.add(out.get(root).iterator());
      state.put(root, 1);
      while (!stack.isEmpty()) {
        java.util.Iterator<AccountId> it = its.get(its.size() - 1);
        if (it.hasNext()) {
          AccountId next = it.next();
          Integer s = state.get(next);
          if (s == null) {
            state.put(next, 1);
            stack.add(next);
            its.add(out.get(next).iterator());
          } else if (s == 1) {
            return true;
          }
        } else {
          state.put(stack.remove(stack.size() - 1), 2);
          its.remove(its.size() - 1);
        }
      }
    }
    return false;
  }

  private static AccountId find(Map<AccountId, AccountId> parent, AccountId a) {
    AccountId root = a;
    while (true) {
      AccountId p = parent.getOrDefault(root, root);
      if (p.equals(root)) {
        break;
      }
      root = p;
    }
    AccountId at = a;
    while (!at.equals(root)) {
      AccountId next = parent.getOrDefault(at, at);
      parent.put(at, root);
      at = next;
    }
    return root;
  }

  private static void union(Map<AccountId, AccountId> parent, AccountId a, AccountId b) {
    AccountId ra = find(parent, a);
    AccountId rb = find(parent, b);
    if (!ra.equals(rb)) {
      // The smaller id becomes the root, so results do not depend on the order of transfers.
      if (ra.compareTo(rb) < 0) {
        parent.put(rb, ra);
      } else {
        parent.put(ra, rb);
      }
    }
  }
}
