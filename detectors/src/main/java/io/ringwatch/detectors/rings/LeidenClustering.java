package io.ringwatch.detectors.rings;

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
 * the ring tracker re-cluster one connected component, or one region of it, at a time; modularity
 * has a resolution limit that merges small communities in big graphs (see ADR 0006).
 *
 * <p><b>Warm start.</b> Given an initial partition and the set of vertices that changed, the first
 * local-moving pass starts from that partition and queues only the changed vertices (the queue then
 * spreads to neighbours of nodes that move, as in the paper); refinement and aggregation follow as
 * usual. This is how a small change to a large graph is absorbed at a cost that grows with the
 * change, not with the graph (ADR 0014). Without an initial partition every vertex starts alone.
 *
 * <p>Edge weights come from {@link Graph#getEdgeWeight}; they must be positive and finite. Parallel
 * edges are summed, self-loops are ignored. Randomness (node order and refinement merges) comes
 * from the injected {@link Random}, so a seed gives a deterministic result.
 *
 * <p>Cost: the graph is copied once into primitive arrays (compressed sparse rows), O(n + m); one
 * pass of local moving costs O(m) (each node visit scans its edges), refinement and aggregation O(n
 * + m) per level; in practice a handful of passes per level and O(log n) levels, so an iteration
 * runs in about O(m log n) time and O(n + m) memory. A warm start queues only the changed vertices
 * in its first pass. The result is computed once and cached.
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

  /**
   * Default maximum number of iterations (each until convergence of the levels): 2, as leidenalg
   * and python-igraph default to. On the 100k-account benchmark further iterations add less than
   * 0.003 modularity at 150 ms each (docs/benchmarks.md).
   */
  public static final int DEFAULT_MAX_ITERATIONS = 2;

  private static final double EPSILON = 1e-12;

  private final Graph<V, E> graph;
  private final Quality quality;
  private final double resolution;
  private final double theta;
  private final int maxIterations;
  private final Random random;
  private final Map<V, Integer> initialMembership;
  private final Set<V> changed;
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
    this(graph, quality, resolution, theta, maxIterations, random, null, null);
  }

  /**
   * Leiden warm-started from a previous partition.
   *
   * @param graph an undirected graph with positive finite edge weights
   * @param quality the quality function
   * @param resolution γ, positive and finite
   * @param theta randomness of refinement merges, positive (smaller is greedier)
   * @param maxIterations at least 1; iterations stop early once no node moves
   * @param random source of randomness
   * @param initialMembership community label of each vertex to start from (any ints; equal labels
   *     share a community); vertices without a label start alone
   * @param changed the vertices whose links changed: the first local-moving pass starts from these
   *     only; every vertex when {@code null}
   */
  public LeidenClustering(
      Graph<V, E> graph,
      Quality quality,
      double resolution,
      double theta,
      int maxIterations,
      Random random,
      Map<V, Integer> initialMembership,
      Set<V> changed) {
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
    if (changed != null && initialMembership == null) {
      throw new IllegalArgumentException("changed vertices need an initial membership");
    }
    this.resolution = resolution;
    this.theta = theta;
    this.maxIterations = maxIterations;
    this.random = Objects.requireNonNull(random, "random cannot be null");
    this.initialMembership = initialMembership;
    this.changed = changed;
  }

  @Override
  public Clustering<V> getClustering() {
    if (result == null) {
      result = new Implementation().compute();
    }
    return result;
  }

  /** An undirected weighted graph over ints in compressed sparse rows, no self-loops. */
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
  }

  private final class Implementation {
    private final List<V> vertices = new ArrayList<>(graph.vertexSet());
    private double gamma;
    // Scratch buffers sized for the base graph, reused at every level (levels only shrink).
    private double[] weightTo;
    private int[] touched;
    private int[] queue;
    private boolean[] queued;

    Clustering<V> compute() {
      int n = vertices.size();
      if (n == 0) {
        return new ClusteringImpl<>(List.of());
      }
      weightTo = new double[n];
      touched = new int[n];
      queue = new int[n];
      queued = new boolean[n];
      IntGraph base = baseGraph(n);
      int[] membership = new int[n];
      boolean[] seeds = null;
      if (initialMembership == null) {
        for (int i = 0; i < n; i++) {
          membership[i] = i;
        }
      } else {
        Map<Integer, Integer> dense = new HashMap<>();
        int fresh = 0;
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
          Integer c = initialMembership.get(vertices.get(i));
          label[i] = c == null ? -1 : dense.computeIfAbsent(c, k -> dense.size());
        }
        fresh = dense.size();
        for (int i = 0; i < n; i++) {
          membership[i] = label[i] >= 0 ? label[i] : fresh++;
        }
        renumber(membership);
        if (changed != null) {
          seeds = new boolean[n];
          for (int i = 0; i < n; i++) {
            seeds[i] = changed.contains(vertices.get(i));
          }
        }
      }
      for (int iteration = 0; iteration < maxIterations; iteration++) {
        boolean moved = iterate(base, membership, iteration == 0 ? seeds : null);
        if (!moved) {
          break;
        }
      }
      return toClustering(base, membership);
    }

    /** Copies the graph into CSR form, summing parallel edges and dropping self-loops. */
    private IntGraph baseGraph(int n) {
      Map<V, Integer> index = new HashMap<>(n * 2);
      for (int i = 0; i < n; i++) {
        index.put(vertices.get(i), i);
      }
      int m = graph.edgeSet().size();
      int[] from = new int[m];
      int[] to = new int[m];
      double[] w = new double[m];
      int[] degree = new int[n];
      int count = 0;
      for (E e : graph.edgeSet()) {
        int a = index.get(graph.getEdgeSource(e));
        int b = index.get(graph.getEdgeTarget(e));
        double weight = graph.getEdgeWeight(e);
        if (!(weight > 0) || Double.isInfinite(weight)) {
          throw new IllegalArgumentException("edge weights must be positive and finite: " + weight);
        }
        if (a == b) {
          continue;
        }
        from[count] = a;
        to[count] = b;
        w[count++] = weight;
        degree[a]++;
        degree[b]++;
      }
      int[] offsets = new int[n + 1];
      for (int i = 0; i < n; i++) {
        offsets[i + 1] = offsets[i] + degree[i];
      }
      int[] fill = Arrays.copyOf(offsets, n);
      int[] targets = new int[offsets[n]];
      double[] weights = new double[offsets[n]];
      for (int k = 0; k < count; k++) {
        targets[fill[from[k]]] = to[k];
        weights[fill[from[k]]++] = w[k];
        targets[fill[to[k]]] = from[k];
        weights[fill[to[k]]++] = w[k];
      }
      // Sum parallel edges in place: the projection is a simple graph, but callers may not be.
      int[] slot = new int[n];
      Arrays.fill(slot, -1);
      int[] compact = new int[n + 1];
      int write = 0;
      double[] strength = new double[n];
      double total = 0;
      for (int v = 0; v < n; v++) {
        int rowStart = write;
        for (int k = offsets[v]; k < offsets[v + 1]; k++) {
          int u = targets[k];
          if (slot[u] >= rowStart) {
            weights[slot[u]] += weights[k];
          } else {
            slot[u] = write;
            targets[write] = u;
            weights[write++] = weights[k];
          }
          strength[v] += weights[k];
        }
        compact[v + 1] = write;
        total += strength[v];
      }
      total /= 2;
      double[] nodeWeights;
      if (quality == Quality.CPM) {
        nodeWeights = new double[n];
        Arrays.fill(nodeWeights, 1.0);
        gamma = resolution;
      } else {
        nodeWeights = strength;
        gamma = total == 0 ? resolution : resolution / (2 * total);
      }
      return new IntGraph(n, compact, targets, weights, nodeWeights);
    }

    /** One Leiden iteration from {@code membership}, updated in place; true when it changed. */
    private boolean iterate(IntGraph base, int[] membership, boolean[] seeds) {
      int[] before = membership.clone();
      IntGraph g = base;
      int[] partition = membership.clone();
      // nodeOf[v] = the aggregate node of base vertex v at the current level.
      int[] nodeOf = new int[base.n];
      for (int i = 0; i < base.n; i++) {
        nodeOf[i] = i;
      }
      boolean[] levelSeeds = seeds;
      while (true) {
        moveNodesFast(g, partition, levelSeeds);
        levelSeeds = null;
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
      return !Arrays.equals(before, membership);
    }

    /**
     * Fast local moving: visits queued nodes, moves each to its best community, and queues the
     * neighbours outside that community. Queues every node (in random order) or only the seeds.
     */
    private void moveNodesFast(IntGraph g, int[] partition, boolean[] seeds) {
      int n = g.n;
      double[] communityWeight = new double[n];
      int[] communitySize = new int[n];
      for (int v = 0; v < n; v++) {
        communityWeight[partition[v]] += g.nodeWeights[v];
        communitySize[partition[v]]++;
      }
      int[] empty = new int[n];
      int emptyCount = 0;
      for (int c = n - 1; c >= 0; c--) {
        if (communitySize[c] == 0) {
          empty[emptyCount++] = c;
        }
      }
      // A circular queue: a node is in it at most once, so n slots suffice.
      int head = 0;
      int size = 0;
      for (int v : permutation(n)) {
        if (seeds == null || seeds[v]) {
          queue[size++] = v;
          queued[v] = true;
        }
      }
      int[] offsets = g.offsets;
      int[] targets = g.targets;
      double[] weights = g.weights;
      while (size > 0) {
        int v = queue[head];
        head = head + 1 == n ? 0 : head + 1;
        size--;
        queued[v] = false;
        int current = partition[v];
        int touchedCount = 0;
        for (int k = offsets[v]; k < offsets[v + 1]; k++) {
          int c = partition[targets[k]];
          if (weightTo[c] == 0) {
            touched[touchedCount++] = c;
          }
          weightTo[c] += weights[k];
        }
        double nodeWeight = g.nodeWeights[v];
        communityWeight[current] -= nodeWeight;
        communitySize[current]--;
        int best = current;
        double bestGain = weightTo[current] - gamma * nodeWeight * communityWeight[current];
        for (int t = 0; t < touchedCount; t++) {
          int c = touched[t];
          double gain = weightTo[c] - gamma * nodeWeight * communityWeight[c];
          if (gain > bestGain + EPSILON) {
            best = c;
            bestGain = gain;
          }
        }
        if (bestGain < -EPSILON) {
          // Alone is better than anywhere: an empty community has gain 0.
          best = communitySize[current] == 0 ? current : empty[--emptyCount];
        }
        for (int t = 0; t < touchedCount; t++) {
          weightTo[touched[t]] = 0;
        }
        communityWeight[best] += nodeWeight;
        communitySize[best]++;
        if (communitySize[current] == 0 && best != current) {
          empty[emptyCount++] = current;
        }
        if (best != current) {
          partition[v] = best;
          for (int k = offsets[v]; k < offsets[v + 1]; k++) {
            int u = targets[k];
            if (!queued[u] && partition[u] != best) {
              int tail = head + size;
              queue[tail >= n ? tail - n : tail] = u;
              size++;
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
      double[] gains = new double[n];
      for (int v : permutation(n)) {
        if (refinedSize[refined[v]] != 1) {
          continue;
        }
        double nodeWeight = g.nodeWeights[v];
        double total = communityWeight[partition[v]];
        if (nodeExternal[v] < gamma * nodeWeight * (total - nodeWeight) - EPSILON) {
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
          boolean wellConnected = external[t] >= gamma * tw * (total - tw) - EPSILON;
          double gain = weightTo[t] - gamma * nodeWeight * tw;
          if (wellConnected && gain >= 0) {
            gains[candidates] = gain;
            touched[candidates++] = t;
            maxGain = Math.max(maxGain, gain);
          }
        }
        int target = own;
        if (candidates > 0) {
          // Staying alone (gain 0) is not a candidate: v merges into some T with gain >= 0.
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

    /** The graph of the refined communities: edge weights between them summed, O(n + m). */
    private IntGraph aggregate(IntGraph g, int[] refined, int count) {
      double[] nodeWeights = new double[count];
      int[] memberOffsets = new int[count + 1];
      for (int v = 0; v < g.n; v++) {
        nodeWeights[refined[v]] += g.nodeWeights[v];
        memberOffsets[refined[v] + 1]++;
      }
      for (int c = 0; c < count; c++) {
        memberOffsets[c + 1] += memberOffsets[c];
      }
      int[] members = new int[g.n];
      int[] fill = Arrays.copyOf(memberOffsets, count);
      for (int v = 0; v < g.n; v++) {
        members[fill[refined[v]]++] = v;
      }
      int[] offsets = new int[count + 1];
      int[] targets = new int[g.offsets[g.n]];
      double[] weights = new double[g.offsets[g.n]];
      int write = 0;
      for (int c = 0; c < count; c++) {
        int touchedCount = 0;
        for (int i = memberOffsets[c]; i < memberOffsets[c + 1]; i++) {
          int v = members[i];
          for (int k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
            int d = refined[g.targets[k]];
            if (d == c) {
              continue;
            }
            if (weightTo[d] == 0) {
              touched[touchedCount++] = d;
            }
            weightTo[d] += g.weights[k];
          }
        }
        for (int t = 0; t < touchedCount; t++) {
          int d = touched[t];
          targets[write] = d;
          weights[write++] = weightTo[d];
          weightTo[d] = 0;
        }
        offsets[c + 1] = write;
      }
      return new IntGraph(
          count,
          offsets,
          Arrays.copyOf(targets, write),
          Arrays.copyOf(weights, write),
          nodeWeights);
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
      int[] stack = new int[n];
      for (int s = 0; s < n; s++) {
        if (component[s] >= 0) {
          continue;
        }
        int id = clusters.size();
        Set<V> cluster = new LinkedHashSet<>();
        component[s] = id;
        int top = 0;
        stack[top++] = s;
        while (top > 0) {
          int v = stack[--top];
          cluster.add(vertices.get(v));
          for (int k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
            int u = g.targets[k];
            if (component[u] < 0 && membership[u] == membership[v]) {
              component[u] = id;
              stack[top++] = u;
            }
          }
        }
        clusters.add(Collections.unmodifiableSet(cluster));
      }
      return new ClusteringImpl<>(clusters);
    }
  }

  /**
   * Renumbers community ids (non-negative, below the array's length) to 0..k-1 in order of first
   * appearance; returns k.
   */
  private static int renumber(int[] partition) {
    int[] ids = new int[partition.length];
    Arrays.fill(ids, -1);
    int next = 0;
    for (int i = 0; i < partition.length; i++) {
      int c = partition[i];
      if (ids[c] < 0) {
        ids[c] = next++;
      }
      partition[i] = ids[c];
    }
    return next;
  }
}
