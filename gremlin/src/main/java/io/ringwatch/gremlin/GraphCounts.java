package io.ringwatch.gremlin;

import java.util.Map;

/**
 * Vertex and edge counts per label; every label of {@link Schema} is present, zero when absent.
 *
 * @param vertices vertex count per vertex label
 * @param edges edge count per edge label
 */
public record GraphCounts(Map<String, Long> vertices, Map<String, Long> edges) {
  public GraphCounts {
    vertices = Map.copyOf(vertices);
    edges = Map.copyOf(edges);
  }

  /** Vertices labelled {@code label}. */
  public long vertices(String label) {
    return vertices.getOrDefault(label, 0L);
  }

  /** Edges labelled {@code label}. */
  public long edges(String label) {
    return edges.getOrDefault(label, 0L);
  }
}
