package io.ringwatch.detectors.rings;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A ring as nodes and edges ready to draw: member accounts, the identifiers they share, and the
 * transfers between them.
 */
public record RingSubgraph(List<Node> nodes, List<Edge> edges) {
  public RingSubgraph {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** A node: {@code id} is unique in the subgraph, {@code kind} is account, device, ip or card. */
  public record Node(String id, String kind, String label, String role) {
    public Node {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(label, "label");
    }
  }

  /** An edge between two node ids; transfers carry their transaction id, amount and time. */
  public record Edge(
      String source, String target, String kind, String txId, BigDecimal amount, Instant at) {
    public Edge {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(kind, "kind");
    }
  }
}
