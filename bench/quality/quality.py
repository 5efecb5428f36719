#!/usr/bin/python3
"""Helpers of bench/quality/run.sh: time splits, trivial baselines, plots and the results table.

Subcommands (all paths explicit; nothing is read from the repository's own data):
  split FORMAT INPUT_DIR TRUTH_TX OUT_DIR [--train-share 0.5 | --train-days N] [--gap-days 0]
        [--test-days 0]
        writes OUT_DIR/labels.csv (event_id,label of the earliest events, as a bank knows them) and
        OUT_DIR/test_truth.csv (the events after them: --gap-days later, --test-days long or to the
        end). Label-fed features see a label only --label-delay after its event, in evaluate
  baseline-rings FORMAT INPUT_DIR OUT_CSV    trivial rings: connected components of the transfer
        graph (amlsim) or of shared identifiers (paysim)
  baseline-leiden INPUT_DIR OUT_CSV          amlsim: igraph modularity Leiden on the transfer graph
  baseline-fdh INPUT_DIR LABELS TEST_TRUTH OUT_CSV [--delay-days 7]
        the Handbook's own recipe: gradient boosting on amount, customer spending windows and
        terminal risk from labels delayed by 7 days
  fdh-ceiling SOURCE_DIR LABELS TEST_TRUTH [--delay-days 7]
        analysis only (reads TX_FRAUD_SCENARIO of the labelled source, never given to a detector):
        the test week's compromised-terminal frauds whose terminal's latest known outcome is
        genuine, so that no known label of that compromise exists yet; with the recall at any FPR
        that this caps, under an exact delay and under the baseline's whole-day windows
  fdh-groups SOURCE_DIR LABELS TEST_TRUTH SCORES_CSV [--delay-days 7]
        analysis only, as fdh-ceiling: a scores.csv's recall at 1% FPR and ROC AUC by fraud
        scenario, compromised terminals split into known and hidden compromises
  plots RESULTS_DIR DOCS_DIR                  PNG figures from the run's outputs
  table RESULTS_DIR OUT_MD                    the results table
"""
import argparse
import gzip
import json
import os
import sys

import numpy as np
import pandas as pd


def read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def find(dir_, name):
    for n in (name, name + ".gz"):
        p = os.path.join(dir_, n)
        if os.path.exists(p):
            return p
    sys.exit("no %s in %s" % (name, dir_))


def event_times(fmt, input_dir):
    """event_id -> event time in seconds, from the label-free input files."""
    if fmt == "amlsim":
        t = read(find(input_dir, "transactions.csv"))
        return pd.Series(pd.to_datetime(t["tran_timestamp"]).astype("int64").values // 10**9, index=t["tran_id"])
    if fmt == "paysim":
        t = read(find(input_dir, "rawLog.csv"))
        return pd.Series(t["step"].astype(int).values * 3600, index=t["txId"])
    if fmt == "fdh":
        t = read(find(input_dir, "transactions.csv"))
        return pd.Series(pd.to_datetime(t["TX_DATETIME"]).astype("int64").values // 10**9, index=t["TRANSACTION_ID"])
    sys.exit("unknown format " + fmt)


def cmd_split(a):
    times = event_times(a.format, a.input)
    truth = read(a.truth)[["event_id", "label"]].set_index("event_id")
    truth = truth.join(times.rename("t"), how="inner")
    if a.train_days is not None:
        cut = truth["t"].min() + a.train_days * 86400
    else:
        cut = truth["t"].quantile(a.train_share)
    labels = truth[truth["t"] < cut]
    start = cut + a.gap_days * 86400
    end = start + a.test_days * 86400 if a.test_days else float("inf")
    test = truth[(truth["t"] >= start) & (truth["t"] < end)]
    os.makedirs(a.out, exist_ok=True)
    labels[["label"]].to_csv(os.path.join(a.out, "labels.csv"), index_label="event_id")
    test[["label"]].to_csv(os.path.join(a.out, "test_truth.csv"), index_label="event_id")
    print(json.dumps({"labelled": int(len(labels)), "labelled_fraud": int(labels["label"].isin(["1", "True", "true"]).sum()),
                      "test": int(len(test)), "test_fraud": int(test["label"].isin(["1", "True", "true"]).sum()),
                      "cut_seconds": float(cut), "gap_days": a.gap_days, "test_days": a.test_days}))


def components(edges):
    parent = {}

    def f(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for u, v in edges:
        ru, rv = f(u), f(v)
        if ru != rv:
            parent[ru] = rv
    return {x: f(x) for x in parent}


def cmd_baseline_rings(a):
    if a.format == "amlsim":
        t = read(find(a.input, "transactions.csv"))
        comp = components(zip(t["orig_acct"], t["bene_acct"]))
    elif a.format == "paysim":
        c = read(find(a.input, "clients.csv"))
        edges = []
        for col in ("ssn", "email", "phoneNumber"):
            for _, ids in c.groupby(col)["id"]:
                ids = list(ids)
                edges += [(ids[0], x) for x in ids[1:]]
        comp = components(edges)
    else:
        sys.exit("rings baselines exist for amlsim and paysim")
    sizes = pd.Series(comp).value_counts()
    rows = [(acc, r) for acc, r in comp.items() if sizes[r] >= 2]
    pd.DataFrame(rows, columns=["account", "ring_id"]).to_csv(a.out, index=False)


def cmd_baseline_leiden(a):
    import igraph as ig
    t = read(find(a.input, "transactions.csv"))
    g = ig.Graph.TupleList(zip(t["orig_acct"], t["bene_acct"]), directed=False)
    g.simplify()
    part = g.community_leiden(objective_function="modularity", n_iterations=-1)
    rows = [(g.vs[v]["name"], ci) for ci, comm in enumerate(part) for v in comm if len(comm) >= 2]
    pd.DataFrame(rows, columns=["account", "ring_id"]).to_csv(a.out, index=False)


def cmd_baseline_fdh(a):
    from sklearn.ensemble import HistGradientBoostingClassifier
    t = read(find(a.input, "transactions.csv"))
    t["t"] = pd.to_datetime(t["TX_DATETIME"])
    t["amount"] = t["TX_AMOUNT"].astype(float)
    t = t.sort_values("t").reset_index(drop=True)
    labels = read(a.labels).set_index("event_id")["label"].map(lambda x: 1 if x in ("1", "True", "true") else 0)
    t["known"] = t["TRANSACTION_ID"].map(labels)
    feats = pd.DataFrame(index=t.index)
    feats["amount"] = t["amount"]
    feats["night"] = (t["t"].dt.hour < 6).astype(int)
    feats["weekend"] = (t["t"].dt.weekday >= 5).astype(int)
    # customer spending windows (the Handbook's features)
    for d in (1, 7, 30):
        g = t.set_index("t").groupby("CUSTOMER_ID")["amount"].rolling("%dD" % d)
        cnt = g.count().reset_index(level=0, drop=True)
        mean = g.mean().reset_index(level=0, drop=True)
        tmp = pd.DataFrame({"cnt": cnt.values, "mean": mean.values}, index=cnt.index)
        # rolling results come grouped by customer; align back by (customer, time) order
        order = t.sort_values(["CUSTOMER_ID", "t"], kind="stable").index
        feats.loc[order, "cust_nb_%dd" % d] = tmp["cnt"].values
        feats.loc[order, "cust_avg_%dd" % d] = tmp["mean"].values
    # terminal risk with a label delay: frauds / transactions on the terminal in (t-delay-d, t-delay]
    delay = pd.Timedelta(days=a.delay_days)
    day = (t["t"] - t["t"].min()).dt.days
    t["day"] = day
    known = t["known"].fillna(0)
    per = pd.DataFrame({"term": t["TERMINAL_ID"], "day": day, "n": 1, "f": known, "has": t["known"].notna().astype(int)})
    daily = per.groupby(["term", "day"])[["n", "f", "has"]].sum()
    for d in (1, 7, 30):
        vals = []
        cache = {}
        for term, dd in zip(t["TERMINAL_ID"], day):
            key = (term, dd)
            if key not in cache:
                lo, hi = dd - a.delay_days - d, dd - a.delay_days
                try:
                    s = daily.loc[term]
                    s = s[(s.index > lo) & (s.index <= hi)]
                    n, f = s["has"].sum(), s["f"].sum()
                except KeyError:
                    n, f = 0, 0
                cache[key] = (n, f / n if n else 0.0)
            vals.append(cache[key])
        feats["term_nb_%dd" % d] = [v[0] for v in vals]
        feats["term_risk_%dd" % d] = [v[1] for v in vals]
    train = t["known"].notna()
    clf = HistGradientBoostingClassifier(random_state=0)
    clf.fit(feats[train].values, t.loc[train, "known"].astype(int).values)
    test_ids = set(read(a.test_truth)["event_id"])
    mask = t["TRANSACTION_ID"].isin(test_ids)
    p = clf.predict_proba(feats[mask].values)[:, 1]
    pd.DataFrame({"event_id": t.loc[mask, "TRANSACTION_ID"], "score": p}).to_csv(a.out, index=False)


def fdh_test_groups(a):
    """The test events of a Handbook split with their scenario and, for compromised-terminal
    frauds, whether the terminal's latest outcome known at event time (exact delay) is genuine."""
    t = read(find(a.source, "transactions.csv"))
    for c in ("TX_TIME_DAYS", "TX_FRAUD", "TX_FRAUD_SCENARIO"):
        t[c] = t[c].astype(int)
    t["ts"] = pd.to_datetime(t["TX_DATETIME"]).astype("int64") // 10**9
    day0 = pd.to_datetime(t["TX_DATETIME"]).min().normalize().value // 10**9
    t = t.sort_values("ts").reset_index(drop=True)
    labelled = t[t["TRANSACTION_ID"].isin(set(read(a.labels)["event_id"].astype(str)))]
    test = t[t["TRANSACTION_ID"].isin(set(read(a.test_truth)["event_id"].astype(str)))]
    known = labelled[["TERMINAL_ID", "ts", "TX_TIME_DAYS", "TX_FRAUD_SCENARIO"]].rename(
        columns={"ts": "event_ts", "TX_FRAUD_SCENARIO": "latest_known"})
    delay = a.delay_days * 86400
    out = {}
    # exact: a label is known delay seconds after its event (evaluate --label-delay);
    # whole days: the labels of day d - delay are known from the first second of day d (baseline-fdh)
    for name, known_at in (("exact", known["event_ts"] + delay),
                           ("whole_days", day0 + (known["TX_TIME_DAYS"] + a.delay_days) * 86400)):
        k = known.assign(known_at=known_at).sort_values(["known_at", "event_ts"])
        m = pd.merge_asof(test, k[["TERMINAL_ID", "known_at", "latest_known"]], left_on="ts",
                          right_on="known_at", by="TERMINAL_ID", allow_exact_matches=(name == "whole_days"))
        out[name] = (m["TX_FRAUD_SCENARIO"] == 2) & (m["latest_known"].fillna(0) == 0)
        out[name].index = m["TRANSACTION_ID"].values
    return test.set_index("TRANSACTION_ID"), out


def cmd_fdh_ceiling(a):
    test, hidden = fdh_test_groups(a)
    frauds = int(test["TX_FRAUD"].sum())
    out = {"test_frauds": frauds}
    for name, h in hidden.items():
        n = int(h.sum())
        out[name] = {"hidden_terminal_frauds": n, "recall_ceiling": round(1 - n / frauds, 4),
                     "roc_auc_if_hidden_rank_at_random": round(1 - 0.5 * n / frauds, 4)}
    print(json.dumps(out))


def cmd_fdh_groups(a):
    from sklearn.metrics import roc_auc_score
    test, hidden = fdh_test_groups(a)
    scores = read(a.scores).astype({"event_id": str}).set_index("event_id")["score"].astype(float)
    test = test.join(scores.rename("score"), how="left").fillna({"score": -1})
    test["hidden"] = hidden["exact"].reindex(test.index).fillna(False).values
    genuine = test[test["TX_FRAUD"] == 0]["score"].values
    thr = np.quantile(genuine, 0.99, method="higher")  # the score that 1% of genuine payments exceed
    alarms = int((genuine > thr).sum())
    groups = [("1: amount > 220", test["TX_FRAUD_SCENARIO"] == 1),
              ("2: terminal, a fraud of the compromise known", (test["TX_FRAUD_SCENARIO"] == 2) & ~test["hidden"]),
              ("2: terminal, hidden", test["hidden"]),
              ("3: compromised card", test["TX_FRAUD_SCENARIO"] == 3)]
    n_gen, n_fraud = len(genuine), int(test["TX_FRAUD"].sum())
    print("| group | frauds | recall at 1% FPR | ROC AUC against genuine | share of 1 - ROC AUC |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, m in groups:
        s = test[m]["score"].values
        if len(s) == 0:
            continue
        auc = roc_auc_score(np.r_[np.zeros(n_gen), np.ones(len(s))], np.r_[genuine, s])
        print("| %s | %d | %.3f | %.3f | %.4f |" % (name, len(s), (s > thr).mean(), auc, (1 - auc) * len(s) / n_fraud))
    print("threshold %.1f: %d false alarms of %d genuine payments" % (thr, alarms, n_gen))


def cmd_plots(a):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import precision_recall_curve
    os.makedirs(a.docs, exist_ok=True)
    for s in ("amlsim", "paysim", "fdh"):
        d = os.path.join(a.results, s)
        truth_p = os.path.join(d, "split", "test_truth.csv")
        if not os.path.exists(truth_p):
            continue
        truth = read(truth_p).set_index("event_id")["label"].map(lambda x: 1 if x in ("1", "True", "true") else 0)
        fig, ax = plt.subplots(figsize=(5, 4))
        for name, path in (("Ringwatch", os.path.join(d, "labelled", "scores.csv")),
                           ("baseline", os.path.join(d, "baseline_scores.csv"))):
            if not os.path.exists(path):
                continue
            sc = read(path).set_index("event_id")["score"].astype(float)
            y = truth.reindex(sc.index.intersection(truth.index))
            pr, rc, _ = precision_recall_curve(y.values, sc.reindex(y.index).values)
            ax.plot(rc, pr, label=name)
        ax.set_xlabel("recall")
        ax.set_ylabel("precision")
        ax.set_title("%s: precision-recall on the later events" % s)
        ax.legend()
        fig.tight_layout()
        fig.savefig(os.path.join(a.docs, "%s-pr.png" % s), dpi=90)
        plt.close(fig)
    for s in ("amlsim", "paysim"):
        d = os.path.join(a.results, s)
        p = os.path.join(d, "unlabelled", "rings.csv")
        if not os.path.exists(p):
            continue
        ours = read(p)["ring_id"].value_counts()
        truth = read(os.path.join(d, "truth_rings.csv"))["ring_id"].value_counts()
        fig, ax = plt.subplots(figsize=(5, 4))
        bins = range(1, max(ours.max() if len(ours) else 2, truth.max()) + 2)
        ax.hist([truth.values, ours.values], bins=bins, label=["truth", "Ringwatch"])
        ax.set_xlabel("members")
        ax.set_ylabel("rings")
        ax.set_title("%s: ring sizes" % s)
        ax.legend()
        fig.tight_layout()
        fig.savefig(os.path.join(a.docs, "%s-ring-sizes.png" % s), dpi=90)
        plt.close(fig)
    draw_ring(a, plt)


def draw_ring(a, plt):
    """The largest AMLSim ring we found, with the transfers among its members."""
    import networkx as nx
    d = os.path.join(a.results, "amlsim")
    p = os.path.join(d, "unlabelled", "rings.csv")
    if not os.path.exists(p):
        return
    rings = read(p)
    if rings.empty:
        return
    rid = rings["ring_id"].value_counts().index[0]
    members = set(rings.loc[rings["ring_id"] == rid, "account"])
    t = read(find(os.path.join(d, "input"), "transactions.csv"))
    t = t[t["orig_acct"].isin(members) & t["bene_acct"].isin(members)]
    g = nx.MultiDiGraph()
    g.add_nodes_from(members)
    for _, r in t.iterrows():
        g.add_edge(r["orig_acct"], r["bene_acct"], label="%s %s" % (r["base_amt"], r["tran_timestamp"][:10]))
    fig, ax = plt.subplots(figsize=(7, 6))
    pos = nx.spring_layout(g, seed=1)
    nx.draw_networkx_nodes(g, pos, ax=ax, node_color="#f4a261", node_size=500)
    nx.draw_networkx_labels(g, pos, ax=ax, font_size=8)
    nx.draw_networkx_edges(g, pos, ax=ax, arrows=True, connectionstyle="arc3,rad=0.1")
    simple = {(u, v): dd["label"] for u, v, dd in g.edges(data=True)}
    nx.draw_networkx_edge_labels(g, pos, edge_labels=simple, ax=ax, font_size=6)
    ax.set_title("AMLSim: ring %s (%d accounts, %d transfers among them)" % (rid, len(members), len(t)))
    ax.axis("off")
    fig.tight_layout()
    fig.savefig(os.path.join(a.docs, "amlsim-ring.png"), dpi=90)
    plt.close(fig)


def cmd_table(a):
    def load(p):
        return json.load(open(p)) if os.path.exists(p) else None

    out = ["| data | measure | Ringwatch | trivial baseline (same run) | goal |", "| --- | --- | --- | --- | --- |"]
    for s, goal in (("amlsim", "F1 ≥ 0.90, recovered ≥ 80%"), ("paysim", "F1 ≥ 0.98")):
        d = os.path.join(a.results, s)
        ours, base = load(os.path.join(d, "rings_score.json")), load(os.path.join(d, "baseline_rings_score.json"))
        leiden = load(os.path.join(d, "baseline_leiden_score.json"))
        if ours:
            def f(r):
                return "F1 %.3f (P %.3f, R %.3f), ARI %.3f, recovered %.0f%%, false rings %d" % (
                    r["pairwise_f1"], r["pairwise_precision"], r["pairwise_recall"], r["ari"],
                    100 * r["ring_recovery"], r["false_rings"])
            out.append("| %s | rings | %s | components: %s | %s |" % (s, f(ours), f(base) if base else "", goal))
            if leiden:
                out.append("| %s | rings | | modularity Leiden (igraph): %s | |" % (s, f(leiden)))
    for s, goal in (("amlsim", ""), ("paysim", ""), ("fdh", "0.93 / 0.80 / 0.85")):
        d = os.path.join(a.results, s)
        ours, base = load(os.path.join(d, "events_score.json")), load(os.path.join(d, "baseline_events_score.json"))
        if ours:
            def e(r):
                return "ROC AUC %.3f, PR AUC %.3f, recall@1%%FPR %.3f" % (r["roc_auc"], r["pr_auc"], r["recall_at_fpr"])
            out.append("| %s | events (later %s) | %s | %s | %s |" % (s, "events", e(ours), e(base) if base else "", goal))
    open(a.out, "w").write("\n".join(out) + "\n")
    print("\n".join(out))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("split"); s.add_argument("format"); s.add_argument("input"); s.add_argument("truth"); s.add_argument("out")
    s.add_argument("--train-share", type=float, default=0.5)
    s.add_argument("--train-days", type=float, default=None, help="labels for the first N days (instead of a share)")
    s.add_argument("--gap-days", type=float, default=0, help="days between the last label and the test events")
    s.add_argument("--test-days", type=float, default=0, help="length of the test period (0: to the end)")
    s = sub.add_parser("baseline-rings"); s.add_argument("format"); s.add_argument("input"); s.add_argument("out")
    s = sub.add_parser("baseline-leiden"); s.add_argument("input"); s.add_argument("out")
    s = sub.add_parser("baseline-fdh"); s.add_argument("input"); s.add_argument("labels"); s.add_argument("test_truth"); s.add_argument("out")
    s.add_argument("--delay-days", type=int, default=7)
    s = sub.add_parser("fdh-ceiling"); s.add_argument("source"); s.add_argument("labels"); s.add_argument("test_truth")
    s.add_argument("--delay-days", type=int, default=7)
    s = sub.add_parser("fdh-groups"); s.add_argument("source"); s.add_argument("labels"); s.add_argument("test_truth")
    s.add_argument("scores"); s.add_argument("--delay-days", type=int, default=7)
    s = sub.add_parser("plots"); s.add_argument("results"); s.add_argument("docs")
    s = sub.add_parser("table"); s.add_argument("results"); s.add_argument("out")
    a = p.parse_args()
    {"split": cmd_split, "baseline-rings": cmd_baseline_rings, "baseline-leiden": cmd_baseline_leiden,
     "baseline-fdh": cmd_baseline_fdh, "fdh-ceiling": cmd_fdh_ceiling, "fdh-groups": cmd_fdh_groups, "plots": cmd_plots, "table": cmd_table}[a.cmd.replace("_", "-")](a)


if __name__ == "__main__":
    main()
