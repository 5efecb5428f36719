package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.AccountId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Money-flow typologies over the projection's transfers: transfer loops and fan-in / fan-out mule
 * patterns.
 *
 * <p>Loops: a depth-first search from every account of a component, visiting only accounts that
 * sort after the start (so each simple cycle is found once, from its smallest account, as in
 * Johnson's enumeration) and pruning paths longer than the maximum or whose transfers span more
 * than the window. The search is bounded by a number of steps per component, so a dense transfer
 * hub costs at most that; loops sharing accounts are reported as one ring. Cost O(min(steps, Σ
 * paths of length ≤ L)). Fans: per account, the distinct counterparties within the window of its
 * newest transfer, O(degree).
 */
final class MoneyFlowTypologies {
  private final AccountProjection projection;
  private final TrackerSettings settings;

  MoneyFlowTypologies(AccountProjection projection, TrackerSettings settings) {
    this.projection = projection;
    this.settings = settings;
  }

  /** Transfer loops within the component, loops that share accounts merged into one candidate. */
  List<RingCandidate> loops(Set<AccountId> component) {
    List<AccountId> order = new ArrayList<>(new TreeSet<>(component));
    Map<AccountId, Integer> rank = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      rank.put(order.get(i), i);
    }
    List<List<TransferLink>> cycles = new ArrayList<>();
    int[] budget = {settings.maxLoopExpansions()};
    Map<AccountId, List<TransferLink>> hops = new HashMap<>();
    for (AccountId start : order) {
      if (budget[0] <= 0) {
        break;
      }
      search(start, start, rank, hops, new ArrayList<>(), new HashSet<>(), cycles, budget);
    }
    // Union loops that share an account.
    Map<AccountId, Integer> group = new HashMap<>();
    List<Set<AccountId>> members = new ArrayList<>();
    List<List<TransferLink>> loopHops = new ArrayList<>();
    for (List<TransferLink> cycle : cycles) {
      Set<Integer> hits = new TreeSet<>();
      for (TransferLink t : cycle) {
        Integer g = group.get(t.from());
        if (g != null) {
          hits.add(g);
        }
      }
      int target;
      if (hits.isEmpty()) {
        target = members.size();
        members.add(new TreeSet<>());
        loopHops.add(new ArrayList<>());
      } else {
        target = hits.iterator().next();
        for (int other : hits) {
          if (other != target) {
            for (AccountId a : members.get(other)) {
              group.put(a, target);
            }
            members.get(target).addAll(members.get(other));
            loopHops.get(target).addAll(loopHops.get(other));
            members.get(other).clear();
            loopHops.get(other).clear();
          }
        }
      }
      for (TransferLink t : cycle) {
        members.get(target).add(t.from());
        group.put(t.from(), target);
      }
      loopHops.get(target).addAll(cycle);
    }
    List<RingCandidate> result = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).isEmpty()) {
        continue;
      }
      Map<AccountId, MemberRole> roles = new LinkedHashMap<>();
      members.get(i).forEach(a -> roles.put(a, MemberRole.HOP));
      List<TransferLink> distinct = loopHops.get(i).stream().distinct().toList();
      result.add(new RingCandidate(RingKind.TRANSFER_LOOP, roles, distinct));
    }
    return result;
  }

  private void search(
      AccountId start,
      AccountId at,
      Map<AccountId, Integer> rank,
      Map<AccountId, List<TransferLink>> hops,
      List<TransferLink> path,
      Set<AccountId> onPath,
      List<List<TransferLink>> cycles,
      int[] budget) {
    onPath.add(at);
    for (TransferLink hop : hops.computeIfAbsent(at, this::newestPerTarget)) {
      if (--budget[0] <= 0) {
        break;
      }
      AccountId next = hop.to();
      Integer r = rank.get(next);
      if (r == null || r < rank.get(start)) {
        continue;
      }
      path.add(hop);
      if (withinWindow(path)) {
        if (next.equals(start)) {
          if (path.size() >= 3) {
            cycles.add(List.copyOf(path));
          }
        } else if (!onPath.contains(next) && path.size() < settings.maxLoopLength()) {
          search(start, next, rank, hops, path, onPath, cycles, budget);
        }
      }
      path.remove(path.size() - 1);
    }
    onPath.remove(at);
  }

  /** The newest transfer to each of the account's targets, by target (computed once per search). */
  private List<TransferLink> newestPerTarget(AccountId from) {
    List<TransferLink> result = new ArrayList<>();
    for (AccountId to : new TreeSet<>(projection.transferTargets(from))) {
      result.add(newest(from, to));
    }
    return result;
  }

  private TransferLink newest(AccountId from, AccountId to) {
    TransferLink newest = null;
    for (TransferLink t : projection.transfersBetween(from, to)) {
      if (newest == null || t.timestamp().isAfter(newest.timestamp())) {
        newest = t;
      }
    }
    return newest;
  }

  private boolean withinWindow(List<TransferLink> path) {
    Instant min = path.get(0).timestamp();
    Instant max = min;
    for (TransferLink t : path) {
      min = t.timestamp().isBefore(min) ? t.timestamp() : min;
      max = t.timestamp().isAfter(max) ? t.timestamp() : max;
    }
    return Duration.between(min, max).compareTo(settings.loopWindow()) <= 0;
  }

  /**
   * Fan-in collectors (with their sources and onward recipients) and fan-out payers (with their
   * recipients) in the component.
   */
  List<RingCandidate> fans(Set<AccountId> component) {
    List<RingCandidate> result = new ArrayList<>();
    for (AccountId account : new TreeSet<>(component)) {
      List<TransferLink> incoming = new ArrayList<>();
      for (AccountId source : projection.transferSources(account)) {
        incoming.addAll(projection.transfersBetween(source, account));
      }
      List<TransferLink> recentIn = recent(incoming);
      Set<AccountId> sources = new TreeSet<>();
      recentIn.forEach(t -> sources.add(t.from()));
      List<TransferLink> outgoing = recent(projection.transfersFrom(account));
      Set<AccountId> targets = new TreeSet<>();
      outgoing.forEach(t -> targets.add(t.to()));
      if (sources.size() >= settings.fanMin()) {
        Map<AccountId, MemberRole> roles = new LinkedHashMap<>();
        sources.forEach(s -> roles.put(s, MemberRole.SOURCE));
        targets.forEach(t -> roles.putIfAbsent(t, MemberRole.RECIPIENT));
        roles.put(account, MemberRole.MULE);
        List<TransferLink> links = new ArrayList<>(recentIn);
        links.addAll(outgoing);
        result.add(new RingCandidate(RingKind.FAN_IN, roles, links));
      }
      if (targets.size() >= settings.fanMin()) {
        Map<AccountId, MemberRole> roles = new LinkedHashMap<>();
        targets.forEach(t -> roles.put(t, MemberRole.RECIPIENT));
        roles.put(account, MemberRole.SOURCE);
        result.add(new RingCandidate(RingKind.FAN_OUT, roles, outgoing));
      }
    }
    return result;
  }

  /** The transfers within the window that ends at the newest one. */
  private List<TransferLink> recent(List<TransferLink> transfers) {
    Instant newest =
        transfers.stream().map(TransferLink::timestamp).max(Comparator.naturalOrder()).orElse(null);
    if (newest == null) {
      return List.of();
    }
    Instant from = newest.minus(settings.loopWindow());
    return transfers.stream()
        .filter(t -> !t.timestamp().isBefore(from))
        .sorted(Comparator.comparing(TransferLink::timestamp).thenComparing(TransferLink::txId))
        .toList();
  }

  /** Amount received over the window divided into amount sent on; 0 when nothing came in. */
  static double passThrough(List<TransferLink> in, List<TransferLink> out) {
    BigDecimal received =
        in.stream().map(TransferLink::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal sent =
        out.stream().map(TransferLink::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    return received.signum() == 0 ? 0 : sent.doubleValue() / received.doubleValue();
  }
}
