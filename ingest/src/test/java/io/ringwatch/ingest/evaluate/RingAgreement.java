package io.ringwatch.ingest.evaluate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * How well predicted rings agree with true rings, as {@code ../shared/tools/score.py rings}
 * measures it: pairwise precision, recall and F1 over co-membership pairs among the accounts of
 * true rings, and the share of true rings recovered by a predicted ring at Jaccard ≥ 0.5.
 *
 * @param precision predicted pairs (both accounts in some true ring) that are true pairs
 * @param precisionAllPairs predicted pairs (wherever their accounts are) that are true pairs; it
 *     also punishes rings padded with innocent accounts (score.py's {@code
 *     pairwise_precision_all_pairs})
 * @param recall true pairs that are predicted pairs
 * @param f1 the harmonic mean of precision and recall
 * @param recovered true rings matched by a predicted ring at Jaccard ≥ 0.5
 * @param truths true rings
 * @param falseRings predicted rings of 2+ accounts matching no true ring at Jaccard ≥ 0.5
 * @param recoveredByGroup recovered and total true rings per typology, "recovered/total"
 */
public record RingAgreement(
    double precision,
    double precisionAllPairs,
    double recall,
    double f1,
    int recovered,
    int truths,
    int falseRings,
    Map<String, String> recoveredByGroup) {

  /** The harmonic mean of {@link #precisionAllPairs} and {@link #recall}. */
  public double f1AllPairs() {
    double p = precisionAllPairs;
    return p + recall == 0 ? 0 : 2 * p * recall / (p + recall);
  }

  public double recovery() {
    return truths == 0 ? 0 : recovered / (double) truths;
  }

  /**
   * Compares {@code predicted} ({@code account,ring_id}) with {@code truth} ({@code
   * account,ring_id[,typology]}); an account listed twice keeps its first ring, as score.py does.
   */
  public static RingAgreement of(Path truth, Path predicted) throws IOException {
    Map<String, String> typologyOf = new HashMap<>();
    Map<String, String> trueRing = read(truth, typologyOf);
    Map<String, String> predRing = read(predicted, new HashMap<>());
    Map<String, Set<String>> trueRings = invert(trueRing);
    Map<String, Set<String>> predRings = invert(predRing);
    predRings.values().removeIf(members -> members.size() < 2);

    long truePairs = 0;
    for (Set<String> members : trueRings.values()) {
      truePairs += pairs(members.size());
    }
    long predPairs = 0;
    long allPredPairs = 0;
    long bothPairs = 0;
    for (Set<String> members : predRings.values()) {
      allPredPairs += pairs(members.size());
      List<String> inTruth = members.stream().filter(trueRing::containsKey).sorted().toList();
      predPairs += pairs(inTruth.size());
      Map<String, Integer> byTrueRing = new HashMap<>();
      inTruth.forEach(a -> byTrueRing.merge(trueRing.get(a), 1, Integer::sum));
      for (int n : byTrueRing.values()) {
        bothPairs += pairs(n);
      }
    }
    double precision = predPairs == 0 ? 0 : bothPairs / (double) predPairs;
    double precisionAllPairs = allPredPairs == 0 ? 0 : bothPairs / (double) allPredPairs;
    double recall = truePairs == 0 ? 0 : bothPairs / (double) truePairs;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);

    int recovered = 0;
    Map<String, int[]> groups = new TreeMap<>();
    Set<String> matchedPredictions = new HashSet<>();
    for (Map.Entry<String, Set<String>> t : trueRings.entrySet()) {
      boolean found = false;
      for (Map.Entry<String, Set<String>> p : predRings.entrySet()) {
        if (jaccard(t.getValue(), p.getValue()) >= 0.5) {
          found = true;
          matchedPredictions.add(p.getKey());
        }
      }
      recovered += found ? 1 : 0;
      int[] g = groups.computeIfAbsent(typologyOf.getOrDefault(t.getKey(), ""), k -> new int[2]);
      g[0] += found ? 1 : 0;
      g[1]++;
    }
    Map<String, String> byGroup = new TreeMap<>();
    groups.forEach((k, v) -> byGroup.put(k, v[0] + "/" + v[1]));
    int falseRings = predRings.size() - matchedPredictions.size();
    return new RingAgreement(
        precision, precisionAllPairs, recall, f1, recovered, trueRings.size(), falseRings, byGroup);
  }

  private static long pairs(long n) {
    return n * (n - 1) / 2;
  }

  private static double jaccard(Set<String> a, Set<String> b) {
    long both = a.stream().filter(b::contains).count();
    return both / (double) (a.size() + b.size() - both);
  }

  private static Map<String, Set<String>> invert(Map<String, String> ringOf) {
    Map<String, Set<String>> rings = new TreeMap<>();
    ringOf.forEach(
        (account, ring) -> rings.computeIfAbsent(ring, k -> new HashSet<>()).add(account));
    return rings;
  }

  /** account → ring id (first one wins); fills typologyOf (ring id → typology) when present. */
  private static Map<String, String> read(Path file, Map<String, String> typologyOf)
      throws IOException {
    Map<String, String> ringOf = new HashMap<>();
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> header = List.of(reader.readLine().strip().split(","));
      int account = header.indexOf("account");
      int ring = header.indexOf("ring_id");
      int typology = header.indexOf("typology");
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        ringOf.putIfAbsent(cells[account], cells[ring]);
        if (typology >= 0) {
          typologyOf.put(cells[ring], cells[typology]);
        }
      }
    }
    return ringOf;
  }
}
