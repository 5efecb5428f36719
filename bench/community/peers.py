#!/usr/bin/env python3
"""Runs python-igraph Leiden and NetworkX Louvain on an edge list written by CommunityBench and
prints wall time, modularity and ARI against the planted truth, in the same format as the Java side.
Usage: peers.py DIR {igraph|igraph-cpm|networkx}
igraph: Leiden on modularity (resolution 1, until stable); igraph-cpm: Leiden on CPM at resolution 0.1,
the objective Ringwatch's tracker uses; networkx: Louvain on modularity.
cpu_s is this process's CPU time over the call, robust to other load on the machine."""
import sys, time, math
from collections import Counter

def ari(a, b):
    def c2(x): return x * (x - 1) / 2.0
    n = len(a)
    idx = sum(c2(v) for v in Counter(zip(a, b)).values())
    sa = sum(c2(v) for v in Counter(a).values())
    sb = sum(c2(v) for v in Counter(b).values())
    exp = sa * sb / c2(n)
    return (idx - exp) / ((sa + sb) / 2 - exp)

def main():
    d, which = sys.argv[1], sys.argv[2]
    edges = [tuple(map(int, l.split()[:2])) for l in open(f"{d}/edges.tsv")]
    truth = [int(l.split()[1]) for l in open(f"{d}/truth.tsv")]
    n = len(truth)
    if which in ("igraph", "igraph-cpm"):
        import igraph as ig
        g = ig.Graph(n=n, edges=edges)
        objective, res = ("modularity", 1.0) if which == "igraph" else ("CPM", 0.1)
        t, c = time.perf_counter(), time.process_time()
        part = g.community_leiden(objective_function=objective, resolution_parameter=res, n_iterations=-1)
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        memb = part.membership
        q = g.modularity(memb)
        name = f"python-igraph-{ig.__version__}-leiden-{'modularity' if which == 'igraph' else 'cpm0.1'}"
    else:
        import networkx as nx
        g = nx.Graph()
        g.add_nodes_from(range(n))
        g.add_edges_from(edges)
        t, c = time.perf_counter(), time.process_time()
        comms = nx.community.louvain_communities(g, resolution=1.0, seed=1)
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        memb = [0] * n
        for i, c in enumerate(comms):
            for v in c:
                memb[v] = i
        q = nx.community.modularity(g, comms)
        name = f"networkx-{nx.__version__}-louvain"
    print(f"result\t{name}\twall_s={wall:.2f}\tcpu_s={cpu:.2f}\tmodularity={q:.4f}\tcommunities={len(set(memb))}\tari={ari(truth, memb):.3f}", flush=True)

if __name__ == "__main__":
    main()
