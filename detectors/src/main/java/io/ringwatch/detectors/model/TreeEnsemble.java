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
 */
final class TreeEnsemble {
  private static final Pattern SPLIT =
      Pattern.compile(
          "^(\\d+):\\[f(\\d+)<([^\\]]+)\\] yes=(\\d+),no=(\\d+),missing=(\\d+),gain=[^,]+,cover=(\\S+)$");
  private static final Pattern LEAF = Pattern.compile("^(\\d+):leaf=([^,]+),cover=(\\S+)$");

  private final Tree[] trees;
  private final double rootSum;

  private record Tree(int[] feature, float[] threshold, int[] yes, int[] no, double[] value) {}

  private TreeEnsemble(Tree[] trees) {
    this.trees = trees;
    double sum = 0;
    for (Tree tree : trees) {
      sum += tree.value()[0];
    }
    this.rootSum = sum;
  }

  /** Parses the dump, one string per tree; fails with the tree and line it cannot read. */
  static TreeEnsemble parse(String[] dump, int columns) {
    List<Tree> trees = new ArrayList<>(dump.length);
    for (int t = 0; t < dump.length; t++) {
      String[] lines = dump[t].strip().split("\n");
      int nodes = 0;
      for (String line : lines) {
        nodes = Math.max(nodes, Integer.parseInt(line.strip().split(":", 2)[0]) + 1);
      }
      int[] feature = new int[nodes];
      float[] threshold = new float[nodes];
      int[] yes = new int[nodes];
      int[] no = new int[nodes];
      double[] value = new double[nodes];
      double[] cover = new double[nodes];
      boolean[] leaf = new boolean[nodes];
      java.util.Arrays.fill(feature, -1);
      for (String raw : lines) {
        String line = raw.strip();
        Matcher split = SPLIT.matcher(line);
        Matcher leafMatch = LEAF.matcher(line);
        if (split.matches()) {
          int id = Integer.parseInt(split.group(1));
          feature[id] = Integer.parseInt(split.group(2));
          threshold[id] = Float.parseFloat(split.group(3));
          yes[id] = Integer.parseInt(split.group(4));
          no[id] = Integer.parseInt(split.group(5));
          cover[id] = Double.parseDouble(split.group(7));
          if (feature[id] >= columns) {
            throw new IllegalArgumentException("tree " + t + " splits on column " + feature[id]);
          }
        } else if (leafMatch.matches()) {
          int id = Integer.parseInt(leafMatch.group(1));
          leaf[id] = true;
          value[id] = Double.parseDouble(leafMatch.group(2));
          cover[id] = Double.parseDouble(leafMatch.group(3));
        } else {
          throw new IllegalArgumentException("tree " + t + " has an unreadable node: " + line);
        }
      }
      meanValue(0, leaf, yes, no, value, cover);
      for (int n = 0; n < nodes; n++) {
        if (leaf[n]) {
          feature[n] = -1;
        }
      }
      trees.add(new Tree(feature, threshold, yes, no, value));
    }
    return new TreeEnsemble(trees.toArray(Tree[]::new));
  }

  /** Fills internal nodes with the cover-weighted mean of their children, bottom up. */
  private static double meanValue(
      int node, boolean[] leaf, int[] yes, int[] no, double[] value, double[] cover) {
    if (leaf[node]) {
      return value[node];
    }
    double left = meanValue(yes[node], leaf, yes, no, value, cover);
    double right = meanValue(no[node], leaf, yes, no, value, cover);
    double weight = cover[yes[node]] + cover[no[node]];
    value[node] =
        weight > 0
            ? (left * cover[yes[node]] + right * cover[no[node]]) / weight
            : (left + right) / 2;
    return value[node];
  }

  /** Sum of the trees' outputs for {@code row} (the margin without the base score). */
  double sum(float[] row) {
    double sum = 0;
    for (Tree tree : trees) {
      int node = 0;
      while (tree.feature()[node] >= 0) {
        node =
            row[tree.feature()[node]] < tree.threshold()[node] ? tree.yes()[node] : tree.no()[node];
      }
      sum += tree.value()[node];
    }
    return sum;
  }

  /** The trees' mean outputs: the part of the margin no feature explains. */
  double rootSum() {
    return rootSum;
  }

  /** Adds each column's path contribution for {@code row} into {@code contributions}. */
  void contributions(float[] row, double[] contributions) {
    for (Tree tree : trees) {
      int node = 0;
      while (tree.feature()[node] >= 0) {
        int f = tree.feature()[node];
        int child = row[f] < tree.threshold()[node] ? tree.yes()[node] : tree.no()[node];
        contributions[f] += tree.value()[child] - tree.value()[node];
        node = child;
      }
    }
  }
}
