package io.ringwatch.detectors.rings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.clustering.LabelPropagationClustering;
import org.jgrapht.alg.clustering.UndirectedModularityMeasurer;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedGraph;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.junit.jupiter.api.Test;

class LeidenClusteringTest {

  /** {@code k} cliques of {@code size}, each joined to the next by one edge, plus noise edges. */
  static Graph<Integer, DefaultWeightedEdge> plantedCliques(int k, int size, int noise, Random r) {
    Graph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    for (int v = 0; v < k * size; v++) {
      g.addVertex(v);
    }
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < size; i++) {
        for (int j = i + 1; j < size; j++) {
          if (r.nextDouble() < 0.8) {
            g.addEdge(c * size + i, c * size + j);
          }
        }
      }
      g.addEdge(c * size, ((c + 1) % k) * size + 1);
    }
    for (int i = 0; i < noise; i++) {
      int a = r.nextInt(k * size);
      int b = r.nextInt(k * size);
      if (a != b) {
        g.addEdge(a, b);
      }
    }
    return g;
  }

  @Test
  void shouldRecoverPlantedCommunitiesThatAreDenserThanTheResolution() {
    // given 20 planted groups of 8 joined in a ring, with sparse noise
    Graph<Integer, DefaultWeightedEdge> g = plantedCliques(20, 8, 10, new Random(7));
    // when
    var clusters = new LeidenClustering<>(g, new Random(1)).getClustering().getClusters();
    // then most planted groups come back exactly
    int exact = 0;
    for (int c = 0; c < 20; c++) {
      Set<Integer> planted = new HashSet<>();
      for (int i = 0; i < 8; i++) {
        planted.add(c * 8 + i);
      }
      exact += clusters.contains(planted) ? 1 : 0;
    }
    assertThat(exact).isGreaterThanOrEqualTo(18);
  }

  @Test
  void shouldNeverReturnADisconnectedCommunity() {
    for (long seed = 0; seed < 20; seed++) {
      // given a noisy planted graph
      Graph<Integer, DefaultWeightedEdge> g = plantedCliques(10, 6, 40, new Random(seed));
      // when
      var clusters =
          new LeidenClustering<>(
                  g, LeidenClustering.Quality.MODULARITY, 1.0, 0.01, 10, new Random(seed))
              .getClustering()
              .getClusters();
      // then every community induces a connected subgraph
      for (Set<Integer> cluster : clusters) {
        assertThat(new ConnectivityInspector<>(new AsSubgraph<>(g, cluster)).isConnected())
            .as("community %s for seed %d", cluster, seed)
            .isTrue();
      }
    }
  }

  @Test
  void shouldGiveTheSameClusteringForTheSameSeed() {
    Graph<Integer, DefaultWeightedEdge> g = plantedCliques(15, 5, 60, new Random(3));
    var first = new LeidenClustering<>(g, new Random(11)).getClustering().getClusters();
    var second = new LeidenClustering<>(g, new Random(11)).getClustering().getClusters();
    assertThat(second).isEqualTo(first);
  }

  @Test
  void shouldReachAtLeastTheModularityOfLabelPropagation() {
    // given
    Graph<Integer, DefaultWeightedEdge> g = plantedCliques(30, 6, 30, new Random(5));
    // when
    var leiden =
        new LeidenClustering<>(g, LeidenClustering.Quality.MODULARITY, 1.0, 0.01, 10, new Random(5))
            .getClustering()
            .getClusters();
    var baseline = new LabelPropagationClustering<>(g, new Random(5)).getClustering().getClusters();
    // then
    UndirectedModularityMeasurer<Integer, DefaultWeightedEdge> measurer =
        new UndirectedModularityMeasurer<>(g);
    double leidenQ = measurer.modularity(leiden);
    double baselineQ = measurer.modularity(baseline);
    assertThat(leidenQ).isGreaterThan(0.7).isGreaterThanOrEqualTo(baselineQ - 1e-9);
  }

  private static Map<Integer, Integer> membershipOf(List<Set<Integer>> clusters) {
    Map<Integer, Integer> membership = new HashMap<>();
    for (int c = 0; c < clusters.size(); c++) {
      for (int v : clusters.get(c)) {
        membership.put(v, c);
      }
    }
    return membership;
  }

  @Test
  void shouldKeepTheCommunitiesWhenWarmStartedWithNothingChanged() {
    // given a clustering of a planted graph
    Graph<Integer, DefaultWeightedEdge> g = plantedCliques(20, 8, 10, new Random(7));
    var cold = new LeidenClustering<>(g, new Random(1)).getClustering().getClusters();
    // when warm-started from it with no changed vertex
    var warm =
        new LeidenClustering<>(
                g,
                LeidenClustering.Quality.CPM,
                LeidenClustering.DEFAULT_CPM_RESOLUTION,
                LeidenClustering.DEFAULT_THETA,
                LeidenClustering.DEFAULT_MAX_ITERATIONS,
                new Random(2),
                membershipOf(cold),
                Set.of())
            .getClustering()
            .getClusters();
    // then the same communities come back
    assertThat(new HashSet<>(warm)).isEqualTo(new HashSet<>(cold));
  }

  @Test
  void shouldMoveAChangedVertexIntoTheCommunityItNowBelongsToOnAWarmStart() {
    // given a clustering, then a new vertex linked to five members of the third planted group
    Graph<Integer, DefaultWeightedEdge> g = plantedCliques(20, 8, 10, new Random(7));
    var cold = new LeidenClustering<>(g, new Random(1)).getClustering().getClusters();
    int joiner = 1_000;
    g.addVertex(joiner);
    for (int i = 0; i < 5; i++) {
      g.addEdge(joiner, 16 + i);
    }
    // when warm-started with only the new vertex changed
    var warm =
        new LeidenClustering<>(
                g,
                LeidenClustering.Quality.CPM,
                LeidenClustering.DEFAULT_CPM_RESOLUTION,
                LeidenClustering.DEFAULT_THETA,
                LeidenClustering.DEFAULT_MAX_ITERATIONS,
                new Random(2),
                membershipOf(cold),
                Set.of(joiner))
            .getClustering()
            .getClusters();
    // then it joins that group's community and every other community stays as it was
    Set<Integer> grown = warm.stream().filter(c -> c.contains(joiner)).findFirst().orElseThrow();
    assertThat(grown).contains(16, 17, 18, 19, 20);
    Set<Integer> before = cold.stream().filter(c -> c.contains(16)).findFirst().orElseThrow();
    Set<Integer> expected = new HashSet<>(before);
    expected.add(joiner);
    assertThat(grown).isEqualTo(expected);
    for (Set<Integer> c : cold) {
      if (!c.contains(16)) {
        assertThat(warm).contains(c);
      }
    }
  }

  @Test
  void shouldRejectChangedVerticesWithoutAnInitialMembership() {
    Graph<Integer, DefaultWeightedEdge> g = plantedCliques(2, 3, 0, new Random(1));
    assertThatThrownBy(
            () ->
                new LeidenClustering<>(
                    g, LeidenClustering.Quality.CPM, 1, 0.1, 1, new Random(1), null, Set.of(1)))
        .hasMessageContaining("initial membership");
  }

  @Test
  void shouldKeepIsolatedVerticesAsSingletonsAndHandleAnEmptyGraph() {
    Graph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    assertThat(new LeidenClustering<>(g, new Random(1)).getClustering().getNumberClusters())
        .isZero();
    g.addVertex(1);
    g.addVertex(2);
    assertThat(new LeidenClustering<>(g, new Random(1)).getClustering().getClusters())
        .containsExactlyInAnyOrder(Set.of(1), Set.of(2));
  }

  @Test
  void shouldCacheTheResult() {
    Graph<Integer, DefaultWeightedEdge> g = plantedCliques(3, 4, 0, new Random(1));
    var leiden = new LeidenClustering<>(g, new Random(1));
    assertThat(leiden.getClustering()).isSameAs(leiden.getClustering());
  }

  @Test
  void shouldRejectDirectedGraphsAndInvalidParameters() {
    var directed = new SimpleDirectedGraph<Integer, DefaultWeightedEdge>(DefaultWeightedEdge.class);
    assertThatThrownBy(() -> new LeidenClustering<>(directed, new Random(1)))
        .isInstanceOf(IllegalArgumentException.class);
    Graph<Integer, DefaultWeightedEdge> g = plantedCliques(2, 3, 0, new Random(1));
    assertThatThrownBy(
            () ->
                new LeidenClustering<>(g, LeidenClustering.Quality.CPM, 0, 0.01, 1, new Random(1)))
        .hasMessageContaining("resolution");
    assertThatThrownBy(
            () -> new LeidenClustering<>(g, LeidenClustering.Quality.CPM, 1, 0, 1, new Random(1)))
        .hasMessageContaining("theta");
    assertThatThrownBy(
            () -> new LeidenClustering<>(g, LeidenClustering.Quality.CPM, 1, 0.1, 0, new Random(1)))
        .hasMessageContaining("maxIterations");
    assertThatThrownBy(() -> new LeidenClustering<>(g, null))
        .isInstanceOf(NullPointerException.class);
  }
}
