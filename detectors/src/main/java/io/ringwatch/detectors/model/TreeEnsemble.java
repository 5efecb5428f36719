package io.ringwatch.detectors.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trees of a gradient-boosted model, evaluated in Java: the native library costs 100–500 µs a
 * call (JNI and predictor set-up), the trees themselves a few microseconds. Built from XGBoost's
 * text dump with statistics. Contributions are Saabas path attributions (what XGBoost's {@code
 * approx_contribs} computes): along the path of each tree, the change of the node's cover-weighted
 * mean value is credited to the split's feature, so base plus contributions is the margin exactly.
 * Cost per event: O(trees × depth).
 *
 * <p>Every tree's nodes live in one set of flat arrays, each tree's nodes contiguous from its root
 * (ADR 0020): a walk touches a few cache lines and no object headers. A split sends a row left when
 * {@code value < threshold} (both as {@code float}, as XGBoost compares them) and a missing value
 * (NaN) to the branch the tree learnt for it, as XGBoost does.
 */
final class TreeEnsemble {
  private static final Pattern SPLIT =
      Pattern.compile(
          "^(\\d+):\\[f(\\d+)<([^\\]]+)\\] yes=(\\d+),no=(\\d+),missing=(\\d+),gain=[^,]+,cover=(\\S+)$");
  private static final Pattern LEAF = Pattern.compile("^(\\d+):leaf=([^,]+),cover=(\\S+)$");

  /** Root node of each tree in the flat arrays. */
  private final int[] roots;

  /** Split column of each node, -1 for a leaf. */
  private final int[] feature;

  private final float[] threshold;

  /** Absolute indexes of the children: value below the threshold, not below, missing. */
  private final int[] yes;

  private final int[] no;
  private final int[] missing;

  /** A leaf's output; an internal node's cover-weighted mean of its leaves. */
  private final double[] value;

  /** A node's value minus its parent's: what the step into it credits to the parent's feature. */
  private final double[] step;

  /** Training rows (hessian sum) that reached each node. */
  private final double[] cover;

  /**
   * What a walk reads of each node, side by side in one cache line: node {@code n}'s split column
   * (-1 for a leaf), threshold (as {@code float} bits), "yes" child and "no" child are at {@code
   * 4n} to {@code 4n + 3}. The same as {@link #feature}, {@link #threshold}, {@link #yes} and
   * {@link #no}, which TreeSHAP reads.
   */
  private final int[] walk;

  /** The deepest tree's depth (a root alone has depth 0). */
  private final int depth;

  private final double rootSum;

  private TreeEnsemble(
      int[] roots,
      int[] feature,
      float[] threshold,
      int[] yes,
      int[] no,
      int[] missing,
      double[] value,
      double[] cover,
      int depth) {
    this.roots = roots;
    this.feature = feature;
    this.threshold = threshold;
    this.yes = yes;
    this.no = no;
    this.missing = missing;
    this.value = value;
    this.cover = cover;
    this.depth = depth;
    this.step = new double[value.length];
    this.walk = new int[4 * value.length];
    for (int node = 0; node < value.length; node++) {
      walk[4 * node] = feature[node];
      walk[4 * node + 1] = Float.floatToRawIntBits(threshold[node]);
      walk[4 * node + 2] = yes[node];
      walk[4 * node + 3] = no[node];
    }
    for (int node = 0; node < value.length; node++) {
      if (feature[node] >= 0) {
        step[yes[node]] = value[yes[node]] - value[node];
        step[no[node]] = value[no[node]] - value[node];
        step[missing[node]] = value[missing[node]] - value[node];
      }
    }
    double sum = 0;
    for (int root : roots) {
      sum += value[root];
    }
    this.rootSum = sum;
  }

  /** Parses the dump, one string per tree; fails with the tree and line it cannot read. */
  static TreeEnsemble parse(String[] dump, int columns) {
    List<Node[]> trees = new ArrayList<>(dump.length);
    int total = 0;
    for (int t = 0; t < dump.length; t++) {
      Node[] nodes = parseTree(t, dump[t], columns);
      trees.add(nodes);
      total += nodes.length;
    }
    int[] roots = new int[trees.size()];
    int[] feature = new int[total];
    float[] threshold = new float[total];
    int[] yes = new int[total];
    int[] no = new int[total];
    int[] missing = new int[total];
    double[] value = new double[total];
    double[] cover = new double[total];
    int depth = 0;
    int offset = 0;
    for (int t = 0; t < trees.size(); t++) {
      Node[] nodes = trees.get(t);
      roots[t] = offset;
      for (int n = 0; n < nodes.length; n++) {
        Node node = nodes[n];
        int at = offset + n;
        feature[at] = node.leaf ? -1 : node.feature;
        threshold[at] = node.threshold;
        yes[at] = offset + node.yes;
        no[at] = offset + node.no;
        missing[at] = offset + node.missing;
        value[at] = node.value;
        cover[at] = node.cover;
        depth = Math.max(depth, node.depth);
      }
      offset += nodes.length;
    }
    return new TreeEnsemble(roots, feature, threshold, yes, no, missing, value, cover, depth);
  }

  /** One node while parsing. */
  private static final class Node {
    boolean leaf;
    boolean seen;
    int feature;
    float threshold;
    int yes;
    int no;
    int missing;
    double value;
    double cover;
    int depth;
  }

  private static Node[] parseTree(int t, String text, int columns) {
    String[] lines = text.strip().split("\n");
    int count = 0;
    for (String line : lines) {
      count = Math.max(count, Integer.parseInt(line.strip().split(":", 2)[0]) + 1);
    }
    Node[] nodes = new Node[count];
    for (int n = 0; n < count; n++) {
      nodes[n] = new Node();
    }
    for (String raw : lines) {
      String line = raw.strip();
      Matcher split = SPLIT.matcher(line);
      Matcher leafMatch = LEAF.matcher(line);
      Node node;
      if (split.matches()) {
        node = nodes[Integer.parseInt(split.group(1))];
        node.feature = Integer.parseInt(split.group(2));
        node.threshold = Float.parseFloat(split.group(3));
        node.yes = Integer.parseInt(split.group(4));
        node.no = Integer.parseInt(split.group(5));
        node.missing = Integer.parseInt(split.group(6));
        node.cover = Double.parseDouble(split.group(7));
        if (node.feature >= columns) {
          throw new IllegalArgumentException("tree " + t + " splits on column " + node.feature);
        }
        for (int child : new int[] {node.yes, node.no, node.missing}) {
          if (child >= count) {
            throw new IllegalArgumentException("tree " + t + " has no node " + child);
          }
        }
      } else if (leafMatch.matches()) {
        node = nodes[Integer.parseInt(leafMatch.group(1))];
        node.leaf = true;
        node.value = Double.parseDouble(leafMatch.group(2));
        node.cover = Double.parseDouble(leafMatch.group(3));
      } else {
        throw new IllegalArgumentException("tree " + t + " has an unreadable node: " + line);
      }
      node.seen = true;
    }
    for (int n = 0; n < count; n++) {
      if (!nodes[n].seen) {
        throw new IllegalArgumentException("tree " + t + " has no line for node " + n);
      }
    }
    meanValue(nodes, 0, 0);
    return nodes;
  }

  /** Fills internal nodes with the cover-weighted mean of their children, bottom up. */
  private static double meanValue(Node[] nodes, int n, int depth) {
    Node node = nodes[n];
    node.depth = depth;
    if (node.leaf) {
      return node.value;
    }
    if (depth > nodes.length) {
      throw new IllegalArgumentException("a tree has a cycle through node " + n);
    }
    double left = meanValue(nodes, node.yes, depth + 1);
    double right = meanValue(nodes, node.no, depth + 1);
    double leftCover = nodes[node.yes].cover;
    double rightCover = nodes[node.no].cover;
    double weight = leftCover + rightCover;
    node.value = weight > 0 ? (left * leftCover + right * rightCover) / weight : (left + right) / 2;
    return node.value;
  }

  /** The child of split {@code node} that {@code x} goes to. */
  private int child(int node, float x) {
    int at = 4 * node;
    if (x < Float.intBitsToFloat(walk[at + 1])) {
      return walk[at + 2];
    }
    return Float.isNaN(x) ? missing[node] : walk[at + 3];
  }

  /** Sum of the trees' outputs for {@code row} (the margin without the base score). */
  double sum(float[] row) {
    double sum = 0;
    for (int root : roots) {
      int node = root;
      int f;
      while ((f = walk[4 * node]) >= 0) {
        node = child(node, row[f]);
      }
      sum += value[node];
    }
    return sum;
  }

  /** The trees' mean outputs: the part of the margin no feature explains. */
  double rootSum() {
    return rootSum;
  }

  /** Number of trees. */
  int size() {
    return roots.length;
  }

  /** Adds each column's path contribution for {@code row} into {@code contributions}. */
  void contributions(float[] row, double[] contributions) {
    for (int root : roots) {
      int node = root;
      int f;
      while ((f = walk[4 * node]) >= 0) {
        int child = child(node, row[f]);
        contributions[f] += step[child];
        node = child;
      }
    }
  }

  /**
   * Adds each column's exact Shapley value for {@code row} into {@code phi}: Lundberg, Erion and
   * Lee's TreeSHAP (Algorithm 2 of "Consistent Individualized Feature Attribution for Tree
   * Ensembles", 2018), as XGBoost's {@code predictContrib} computes it, with the nodes' covers as
   * the background distribution. With {@link #rootSum} and the base score they sum to the margin.
   * Cost per event: O(trees × leaves × depth²), two orders of magnitude above {@link
   * #contributions} for trees of depth 5 (ADR 0020).
   */
  void shapley(float[] row, double[] phi) {
    int size = (depth + 2) * (depth + 3) / 2;
    ShapPath path = new ShapPath(size);
    for (int root : roots) {
      shapley(row, phi, root, 0, path, 0, 1, 1, -1);
    }
  }

  /** The unique-feature paths of one TreeSHAP recursion, each level's path after its parent's. */
  private static final class ShapPath {
    final int[] feature;
    final double[] zero;
    final double[] one;
    final double[] weight;

    ShapPath(int size) {
      feature = new int[size];
      zero = new double[size];
      one = new double[size];
      weight = new double[size];
    }
  }

  private void shapley(
      float[] row,
      double[] phi,
      int node,
      int uniqueDepth,
      ShapPath p,
      int parentAt,
      double parentZero,
      double parentOne,
      int parentFeature) {
    // this level's path starts after the parent's (which has uniqueDepth elements in use)
    int at = parentAt + uniqueDepth;
    if (uniqueDepth > 0) {
      System.arraycopy(p.feature, parentAt, p.feature, at, uniqueDepth);
      System.arraycopy(p.zero, parentAt, p.zero, at, uniqueDepth);
      System.arraycopy(p.one, parentAt, p.one, at, uniqueDepth);
      System.arraycopy(p.weight, parentAt, p.weight, at, uniqueDepth);
    }
    extend(p, at, uniqueDepth, parentZero, parentOne, parentFeature);
    int f = feature[node];
    if (f < 0) {
      for (int i = 1; i <= uniqueDepth; i++) {
        double w = unwoundSum(p, at, uniqueDepth, i);
        phi[p.feature[at + i]] += w * (p.one[at + i] - p.zero[at + i]) * value[node];
      }
      return;
    }
    int hot = child(node, row[f]);
    int cold = hot == yes[node] ? no[node] : yes[node];
    double w = cover[node];
    double hotZero = cover[hot] / w;
    double coldZero = cover[cold] / w;
    double incomingZero = 1;
    double incomingOne = 1;
    int pathIndex = 0;
    while (pathIndex <= uniqueDepth && p.feature[at + pathIndex] != f) {
      pathIndex++;
    }
    if (pathIndex <= uniqueDepth) {
      incomingZero = p.zero[at + pathIndex];
      incomingOne = p.one[at + pathIndex];
      unwind(p, at, uniqueDepth, pathIndex);
      uniqueDepth--;
    }
    shapley(row, phi, hot, uniqueDepth + 1, p, at, hotZero * incomingZero, incomingOne, f);
    shapley(row, phi, cold, uniqueDepth + 1, p, at, coldZero * incomingZero, 0, f);
  }

  private static void extend(ShapPath p, int at, int depth, double zero, double one, int f) {
    p.feature[at + depth] = f;
    p.zero[at + depth] = zero;
    p.one[at + depth] = one;
    p.weight[at + depth] = depth == 0 ? 1 : 0;
    for (int i = depth - 1; i >= 0; i--) {
      p.weight[at + i + 1] += one * p.weight[at + i] * (i + 1) / (double) (depth + 1);
      p.weight[at + i] = zero * p.weight[at + i] * (depth - i) / (double) (depth + 1);
    }
  }

  private static void unwind(ShapPath p, int at, int depth, int pathIndex) {
    double one = p.one[at + pathIndex];
    double zero = p.zero[at + pathIndex];
    double nextOnePortion = p.weight[at + depth];
    for (int i = depth - 1; i >= 0; i--) {
      if (one != 0) {
        double tmp = p.weight[at + i];
        p.weight[at + i] = nextOnePortion * (depth + 1) / ((i + 1) * one);
        nextOnePortion = tmp - p.weight[at + i] * zero * (depth - i) / (double) (depth + 1);
      } else {
        p.weight[at + i] = p.weight[at + i] * (depth + 1) / (zero * (depth - i));
      }
    }
    for (int i = pathIndex; i < depth; i++) {
      p.feature[at + i] = p.feature[at + i + 1];
      p.zero[at + i] = p.zero[at + i + 1];
      p.one[at + i] = p.one[at + i + 1];
    }
  }

  private static double unwoundSum(ShapPath p, int at, int depth, int pathIndex) {
    double one = p.one[at + pathIndex];
    double zero = p.zero[at + pathIndex];
    double nextOnePortion = p.weight[at + depth];
    double total = 0;
    for (int i = depth - 1; i >= 0; i--) {
      if (one != 0) {
        double tmp = nextOnePortion * (depth + 1) / ((i + 1) * one);
        total += tmp;
        nextOnePortion = p.weight[at + i] - tmp * zero * ((depth - i) / (double) (depth + 1));
      } else if (zero != 0) {
        total += (p.weight[at + i] / zero) / ((depth - i) / (double) (depth + 1));
      }
    }
    return total;
  }
}
