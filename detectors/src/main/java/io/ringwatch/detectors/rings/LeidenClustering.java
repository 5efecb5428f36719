package io.ringwatch.detectors.rings;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.GraphTests;
import org.jgrapht.alg.interfaces.ClusteringAlgorithm;

/**
 * Leiden community detection: V. A. Traag, L. Waltman and N. J. van Eck, "From Louvain to Leiden:
 * guaranteeing well-connected communities", Scientific Reports 9, 5233 (2019).
 *
 * <p>Each iteration alternates three phases until no node moves: fast local moving of nodes (a
 * queue of nodes whose neighbourhood changed), refinement of every community into well-connected
 * sub-communities (randomised merges within the community, with randomness θ), and aggregation of
 * the refined partition into a smaller graph whose initial partition is the unrefined one. Every
 * community returned is connected; as a final guard, a community that is not (only possible when
 * the iteration limit stops the algorithm early) is split into its connected components.
 *
 * <p>The quality optimised is either the constant Potts model (CPM, {@link Quality#CPM}): {@code
 * Σ_c (e_c − γ · n_c(n_c − 1)/2)}, or modularity with a resolution ({@link Quality#MODULARITY}):
 * {@code Σ_c (e_c/m − γ (K_c/2m)²)}. Both reduce to one move gain {@code w(v,C) − γ' · k_v · K_C}
 * with node weights 1 and {@code γ' = γ} for CPM, strengths and {@code γ' = γ/2m} for modularity.
 * CPM is local (a community's quality does not depend on the rest of the graph), which is what lets
 * the ring tracker re-cluster one connected component at a time; modularity has a resolution limit
 * that merges small communities in big graphs (see ADR 0006).
 *
 * <p>Edge weights come from {@link Graph#getEdgeWeight}; they must be positive and finite.
 * Self-loops are ignored. Randomness (node order and refinement merges) comes from the injected
 * {@link Random}, so a seed gives a deterministic result.
 *
 * <p>Cost: one pass of local moving costs O(m) (each node visit scans its edges); in practice a
 * handful of passes per level and O(log n) levels, so an iteration runs in about O(m log n) time
 * and O(n + m) memory. The result is computed once and cached.
 *
 * @param <V> the graph vertex type
 * @param <E> the graph edge type
 */
public final class LeidenClustering<V, E> implements ClusteringAlgorithm<V> {

  /** The quality function optimised. */
  public enum Quality {
    /** Constant Potts model: communities denser than γ. Local, no resolution limit. */
    CPM,
    /** Newman–Girvan modularity with a resolution parameter γ (1 is classic modularity). */
    MODULARITY
  }

  /** Default resolution for {@link Quality#CPM} on ring projections: see ADR 0006. */
  public static final double DEFAULT_CPM_RESOLUTION = 0.1;

  /** Default randomness θ of the refinement phase, as in the paper. */
  public static final double DEFAULT_THETA = 0.01;

  /** Default maximum number of iterations (each until convergence of the levels). */
  public static final int DEFAULT_MAX_ITERATIONS = 10;

  private final Graph<V, E> graph;
  private final Quality quality;
  private final double resolution;
  private final double theta;
  private final int maxIterations;
  private final Random random;
  private Clustering<V> result;

  /**
   * Leiden with the constant Potts model at {@link #DEFAULT_CPM_RESOLUTION}.
   *
   * @param graph an undirected graph
   * @param random source of randomness
   */
  public LeidenClustering(Graph<V, E> graph, Random random) {
    this(graph, Quality.CPM, DEFAULT_CPM_RESOLUTION, DEFAULT_THETA, DEFAULT_MAX_ITERATIONS, random);
  }

  /**
   * @param graph an undirected graph with positive finite edge weights
   * @param quality the quality function
   * @param resolution γ, positive and finite
   * @param theta randomness of refinement merges, positive (smaller is greedier)
   * @param maxIterations at least 1; iterations stop early once no node moves
   * @param random source of randomness
   */
  public LeidenClustering(
      Graph<V, E> graph,
      Quality quality,
      double resolution,
      double theta,
      int maxIterations,
      Random random) {
    this.graph = GraphTests.requireUndirected(graph);
    this.quality = Objects.requireNonNull(quality, "quality cannot be null");
    if (!(resolution > 0) || Double.isInfinite(resolution)) {
      throw new IllegalArgumentException("resolution must be positive and finite: " + resolution);
    }
    if (!(theta > 0) || Double.isInfinite(theta)) {
      throw new IllegalArgumentException("theta must be positive and finite: " + theta);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be at least 1: " + maxIterations);
    }
    this.resolution = resolution;
    this.theta = theta;
    this.maxIterations = maxIterations;
    this.random = Objects.requireNonNull(random, "random cannot be null");
  }

  @Override
  public Clustering<V> getClustering() {
    if (result == null) {
      result = new Implementation().compute();
    }
    return result;
  }

  /** An undirected weighted graph over ints in compressed adjacency form. */
  private static final class IntGraph {
    final int n;
    final int[] offsets;
    final int[] targets;
    final double[] weights;
    final double[] nodeWeights;

    IntGraph(int n, int[] offsets, int[] targets, double[] weights, double[] nodeWeights) {
      this.n = n;
      this.offsets = offsets;
      this.targets = targets;
      this.weights = weights;
      this.nodeWeights = nodeWeights;
    }

    static IntGraph build(int n, List<long[]> pairs, List<Double> w, double[] nodeWeights) {
      int[] degree = new int[n];
      for (long[] p : pairs) {
        degree[(int) p[0]]++;
        degree[(int) p[1]]++;
      }
      int[] offsets = new int[n + 1];
      for (int i = 0; i < n; i++) {
        offsets[i + 1] = offsets[i] + degree[i];
      }
      int[] fill = Arrays.copyOf(offsets, n);
      int[] targets = new int[offsets[n]];
      double[] weights = new double[offsets[n]];
      for (int k = 0; k < pairs.size(); k++) {
        int a = (int) pairs.get(k)[0];
        int b = (int) pairs.get(k)[1];
        targets[fill[a]] = b;
        weights[fill[a]++] = w.get(k);
        targets[fill[b]] = a;
        weights[fill[b]++] = w.get(k);
      }
      return new IntGraph(n, offsets, targets, weights, nodeWeights);
    }
  }

  private final class Implementation {
    private final List<V> vertices = new ArrayList<>(graph.vertexSet());
    private double gamma;

    Clustering<V> compute() {
      int n = vertices.size();
      if (n == 0) {
        return new ClusteringImpl<>(List.of());
      }
      Map<V, Integer> index = new HashMap<>(n * 2);
      for (int i = 0; i < n; i++) {
        index.put(vertices.get(i), i);
      }
      // Parallel edges are summed: the projection is a simple graph, but callers may not be.
      Map<Long, Double> summed = new HashMap<>();
      double[] strength = new double[n];
      double total = 0;
      for (E e : graph.edgeSet()) {
        int a = index.get(graph.getEdgeSource(e));
        int b = index.get(graph.getEdgeTarget(e));
        double w = graph.getEdgeWeight(e);
        if (!(w > 0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException("edge weights must be positive and finite: " + w);
        }
        if (a == b) {
          continue;
        }
        long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
        summed.merge(key, w, Double::sum);
        strength[a] += w;
        strength[b] += w;
        total += w;
      }
      List<long[]> pairs = new ArrayList<>(summed.size());
      List<Double> weights = new ArrayList<>(summed.size());
      summed.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              entry -> {
                pairs.add(new long[] {entry.getKey() >>> 32, entry.getKey() & 0xffffffffL});
                weights.add(entry.getValue());
              });
      double[] nodeWeights;
      if (quality == Quality.CPM) {
        nodeWeights = new double[n];
        Arrays.fill(nodeWeights, 1.0);
        gamma = resolution;
      } else {
        nodeWeights = strength;
        gamma = total == 0 ? resolution : resolution / (2 * total);
      }
      IntGraph base = IntGraph.build(n, pairs, weights, nodeWeights);

      int[] membership = new int[n];
      for (int i = 0; i < n; i++) {
        membership[i] = i;
      }
      for (int iteration = 0; iteration < maxIterations; iteration++) {
        boolean changed = iterate(base, membership);
        if (!changed) {
          break;
        }
      }
      return toClustering(base, membership);
    }

    /** One Leiden iteration from {@code membership}, updated in place; true when it changed. */
    private boolean iterate(IntGraph base, int[] membership) {
      int[] before = membership.clone();
      IntGraph g = base;
      int[] partition = membership.clone();
      renumber(partition);
      // nodeOf[v] = the aggregate node of base vertex v at the current level.
      int[] nodeOf = new int[base.n];
      for (int i = 0; i < base.n; i++) {
        nodeOf[i] = i;
      }
      while (true) {
        moveNodesFast(g, partition);
        int communities = renumber(partition);
        if (communities == g.n) {
          break;
        }
        int[] refined = refine(g, partition);
        int refinedCount = renumber(refined);
        if (refinedCount == g.n) {
          // Nothing merged: aggregating would not shrink the graph.
          break;
        }
        int[] aggregatePartition = new int[refinedCount];
        for (int v = 0; v < g.n; v++) {
          aggregatePartition[refined[v]] = partition[v];
        }
        g = aggregate(g, refined, refinedCount);
        for (int i = 0; i < base.n; i++) {
          nodeOf[i] = refined[nodeOf[i]];
        }
        partition = aggregatePartition;
      }
      for (int i = 0; i < base.n; i++) {
        membership[i] = partition[nodeOf[i]];
      }
      renumber(membership);
      return !samePartition(before, membership);
    }

    private void moveNodesFast(IntGraph g, int[] partition) {
      int n = g.n;
      double[] communityWeight = new double[n];
      int[] communitySize = new int[n];
      for (int v = 0; v < n; v++) {
        communityWeight[partition[v]] += g.nodeWeights[v];
        communitySize[partition[v]]++;
      }
      ArrayDeque<Integer> empty = new ArrayDeque<>();
      for (int c = n - 1; c >= 0; c--) {
        if (communitySize[c] == 0) {
          empty.push(c);
        }
      }
      int[] order = permutation(n);
      ArrayDeque<Integer> queue = new ArrayDeque<>(n);
      boolean[] queued = new boolean[n];
      for (int v : order) {
        queue.add(v);
        queued[v] = true;
      }
      double[] weightTo = new double[n];
      int[] touched = new int[n];
      while (!queue.isEmpty()) {
        int v = queue.poll();
        queued[v] = false;
        int current = partition[v];
        int touchedCount = 0;
        for (int k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
          int c = partition[g.targets[k]];
          if (weightTo[c] == 0) {
            touched[touchedCount++] = c;
          }
          weightTo[c] += g.weights[k];
        }
        double nodeWeight = g.nodeWeights[v];
        communityWeight[current] -= nodeWeight;
        communitySize[current]--;
        int best = current;
        double bestGain = weightTo[current] - gamma * nodeWeight * communityWeight[current];
        for (int t = 0; t < touchedCount; t++) {
          int c = touched[t];
          double gain = weightTo[c] - gamma * nodeWeight * communityWeight[c];
          if (gain > bestGain + 1e-12) {
            best = c;
            bestGain = gain;
          }
        }
        if (bestGain < -1e-12) {
          // Alone is better than anywhere: an empty community has gain 0.
          best = communitySize[current] == 0 ? current : empty.pop();
        }
        for (int t = 0; t < touchedCount; t++) {
          weightTo[touched[t]] = 0;
        }
        communityWeight[best] += nodeWeight;
        communitySize[best]++;
        if (communitySize[current] == 0 && best != current) {
          empty.push(current);
        }
        if (best != current) {
          partition[v] = best;
          for (int k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
            int u = g.targets[k];
            if (!queued[u] && partition[u] != best) {
              queue.add(u);
              queued[u] = true;
            }
          }
        }
      }
    }

    /** The refinement phase: well-connected sub-communities of each community of {@code p}. */
    private int[] refine(IntGraph g, int[] partition) {
      int n = g.n;
      int[] refined = new int[n];
      double[] refinedWeight = new double[n];
      int[] refinedSize = new int[n];
      double[] external = new double[n];
      double[] communityWeight = new double[n];
      for (int v = 0; v < n; v++) {
        refined[v] = v;
        refinedWeight[v] = g.nodeWeights[v];
        refinedSize[v] = 1;
        communityWeight[partition[v]] += g.nodeWeights[v];
        for (int k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
          if (partition[g.targets[k]] == partition[v]) {
            external[v] += g.weights[k];
          }
        }
      }
      double[] nodeExternal = external.clone();
      double[] weightTo = new double[n];
      int[] touched = new int[n];
      double[] gains = new double[n];
      for (int v : permutation(n)) {
        if (refinedSize[refined[v]] != 1) {
          continue;
        }
        double nodeWeight = g.nodeWeights[v];
        double total = communityWeight[partition[v]];
        if (nodeExternal[v] < gamma * nodeWeight * (total - nodeWeight) - 1e-12) {
          continue;
        }
        int touchedCount = 0;
        for (int k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
          int u = g.targets[k];
          if (partition[u] != partition[v] || refined[u] == refined[v]) {
            continue;
          }
          int t = refined[u];
          if (weightTo[t] == 0) {
            touched[touchedCount++] = t;
          }
          weightTo[t] += g.weights[k];
        }
        int own = refined[v];
        double maxGain = 0;
        int candidates = 0;
        for (int i = 0; i < touchedCount; i++) {
          int t = touched[i];
          double tw = refinedWeight[t];
          boolean wellConnected = external[t] >= gamma * tw * (total - tw) - 1e-12;
          double gain = weightTo[t] - gamma * nodeWeight * tw;
          if (wellConnected && gain >= 0) {
            gains[candidates] = gain;
            touched[candidates++] = t;
            maxGain = Math.max(maxGain, gain);
          }
        }
        int target = own;
        if (candidates > 0) {
          // Staying alone (gain 0) is not a candidate: the paper merges v into some T with gain >=
          // 0.
          double sum = 0;
          for (int i = 0; i < candidates; i++) {
            gains[i] = Math.exp((gains[i] - maxGain) / theta);
            sum += gains[i];
          }
          double pick = random.nextDouble() * sum;
          target = touched[candidates - 1];
          for (int i = 0; i < candidates; i++) {
            pick -= gains[i];
            if (pick <= 0) {
              target = touched[i];
              break;
            }
          }
          double between = weightTo[target];
          external[target] = external[target] + nodeExternal[v] - 2 * between;
          refinedWeight[target] += nodeWeight;
          refinedSize[target]++;
          refinedWeight[own] = 0;
          refinedSize[own] = 0;
          refined[v] = target;
        }
        for (int k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
          weightTo[refined[g.targets[k]]] = 0;
        }
        weightTo[own] = 0;
      }
      return refined;
    }

    private IntGraph aggregate(IntGraph g, int[] refined, int count) {
      double[] nodeWeights = new double[count];
      for (int v = 0; v < g.n; v++) {
        nodeWeights[refined[v]] += g.nodeWeights[v];
      }
      Map<Long, Double> summed = new HashMap<>();
      for (int v = 0; v < g.n; v++) {
        for (int k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
          int u = g.targets[k];
          int a = refined[v];
          int b = refined[u];
          if (v < u && a != b) {
            long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
            summed.merge(key, g.weights[k], Double::sum);
          }
        }
      }
      List<long[]> pairs = new ArrayList<>(summed.size());
      List<Double> weights = new ArrayList<>(summed.size());
      summed.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              entry -> {
                pairs.add(new long[] {entry.getKey() >>> 32, entry.getKey() & 0xffffffffL});
                weights.add(entry.getValue());
              });
      return IntGraph.build(count, pairs, weights, nodeWeights);
    }

    private int[] permutation(int n) {
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      return order;
    }

    /** Splits disconnected communities into components and maps ints back to vertices. */
    private Clustering<V> toClustering(IntGraph g, int[] membership) {
      int n = g.n;
      int[] component = new int[n];
      Arrays.fill(component, -1);
      List<Set<V>> clusters = new ArrayList<>();
      ArrayDeque<Integer> stack = new ArrayDeque<>();
      for (int s = 0; s < n; s++) {
        if (component[s] >= 0) {
          continue;
        }
        int id = clusters.size();
        Set<V> cluster = new LinkedHashSet<>();
        component[s] = id;
        stack.push(s);
        while (!stack.isEmpty()) {
          int v = stack.pop();
          cluster.add(vertices.get(v));
          for (int k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
            int u = g.targets[k];
            if (component[u] < 0 && membership[u] == membership[v]) {
              component[u] = id;
              stack.push(u);
            }
          }
        }
        clusters.add(Collections.unmodifiableSet(cluster));
      }
      return new ClusteringImpl<>(clusters);
    }
  }

  /** Renumbers community ids to 0..k-1 in order of first appearance; returns k. */
  private static int renumber(int[] partition) {
    Map<Integer, Integer> ids = new HashMap<>();
    for (int i = 0; i < partition.length; i++) {
      Integer id = ids.get(partition[i]);
      if (id == null) {
        id = ids.size();
        ids.put(partition[i], id);
      }
      partition[i] = id;
    }
    return ids.size();
  }

  private static boolean samePartition(int[] a, int[] b) {
    int[] x = a.clone();
    int[] y = b.clone();
    renumber(x);
    renumber(y);
    return Arrays.equals(x, y);
  }
}
