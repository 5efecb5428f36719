#!/usr/bin/env python3
"""A fresh draw of the Fraud Detection Handbook's card-payment generator, at any size and seed.

Written from the generator's published description (Le Borgne et al., "Reproducible Machine
Learning for Credit Card Fraud Detection", chapter 3, and ../shared/data/fdh-sample/README.md),
vectorised with numpy: customers and terminals on a 100 x 100 square, a customer pays at the
terminals within RADIUS, a Poisson number of payments a day at normally drawn times and amounts;
frauds: amount > 220 (scenario 1), two terminals a day compromised for 28 days (scenario 2),
three customers a day compromised for 14 days, a third of their payments x5 (scenario 3).
The random streams differ from the notebook's, so a draw is a new draw, not the sample again.

Writes DIR/transactions.csv.gz with the Handbook's columns (labels included: strip them with
../shared/tools/strip_labels.py fdh before evaluation), customer_profiles.csv.gz and
terminal_profiles.csv.gz, and DIR/truth_tx.csv.gz (event_id,label,scenario) for score.py.

  bench/quality/fdh_draw.py OUT_DIR [--customers 1000] [--terminals 2000] [--days 60]
                            [--radius 11] [--seed 1]
"""
import argparse
import os
import sys

import numpy as np
import pandas as pd


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out")
    p.add_argument("--customers", type=int, default=1000)
    p.add_argument("--terminals", type=int, default=2000)
    p.add_argument("--days", type=int, default=60)
    p.add_argument("--radius", type=float, default=11.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--start", default="2018-04-01")
    a = p.parse_args()
    if min(a.customers, a.terminals, a.days) <= 0 or a.radius <= 0:
        sys.exit("fdh_draw: sizes and radius must be positive")
    rng = np.random.default_rng(a.seed)
    nc, nt = a.customers, a.terminals

    cx, cy = rng.uniform(0, 100, nc), rng.uniform(0, 100, nc)
    mean_amount = rng.uniform(5, 100, nc)
    std_amount = mean_amount / 2
    tx_per_day = rng.uniform(0, 4, nc)
    tx_, ty_ = rng.uniform(0, 100, nt), rng.uniform(0, 100, nt)

    available = []
    for c in range(nc):
        d2 = (tx_ - cx[c]) ** 2 + (ty_ - cy[c]) ** 2
        available.append(np.flatnonzero(d2 < a.radius ** 2))

    rows = []
    for c in range(nc):
        terms = available[c]
        if len(terms) == 0:
            continue
        counts = rng.poisson(tx_per_day[c], a.days)
        n = int(counts.sum())
        if n == 0:
            continue
        day = np.repeat(np.arange(a.days), counts)
        t = rng.normal(86400 / 2, 20000, n).astype(np.int64)
        keep = (t > 0) & (t < 86400)
        day, t = day[keep], t[keep]
        n = len(t)
        amount = rng.normal(mean_amount[c], std_amount[c], n)
        neg = amount < 0
        amount[neg] = rng.uniform(0, mean_amount[c] * 2, int(neg.sum()))
        term = rng.choice(terms, n)
        rows.append(pd.DataFrame({"TX_TIME_SECONDS": t + day * 86400, "TX_TIME_DAYS": day,
                                  "CUSTOMER_ID": c, "TERMINAL_ID": term,
                                  "TX_AMOUNT": np.round(amount, 2)}))
        if (c + 1) % 1000 == 0:
            print(f"fdh_draw: customers {c + 1}/{nc}", file=sys.stderr)
    tx = pd.concat(rows).sort_values(["TX_TIME_SECONDS", "CUSTOMER_ID"]).reset_index(drop=True)
    tx.insert(0, "TX_DATETIME", pd.Timestamp(a.start) + pd.to_timedelta(tx.TX_TIME_SECONDS, unit="s"))
    tx.insert(0, "TRANSACTION_ID", np.arange(len(tx)))
    tx["TX_FRAUD"] = 0
    tx["TX_FRAUD_SCENARIO"] = 0

    big = tx.TX_AMOUNT > 220
    tx.loc[big, ["TX_FRAUD", "TX_FRAUD_SCENARIO"]] = [1, 1]
    for d in range(a.days):
        terms = rng.choice(nt, 2, replace=False)
        sel = tx.TERMINAL_ID.isin(terms) & (tx.TX_TIME_DAYS >= d) & (tx.TX_TIME_DAYS < d + 28)
        tx.loc[sel, ["TX_FRAUD", "TX_FRAUD_SCENARIO"]] = [1, 2]
    for d in range(a.days):
        custs = rng.choice(nc, 3, replace=False)
        idx = tx.index[tx.CUSTOMER_ID.isin(custs) & (tx.TX_TIME_DAYS >= d) & (tx.TX_TIME_DAYS < d + 14)]
        pick = rng.choice(idx, len(idx) // 3, replace=False) if len(idx) >= 3 else idx[:0]
        tx.loc[pick, "TX_AMOUNT"] = tx.loc[pick, "TX_AMOUNT"] * 5
        tx.loc[pick, ["TX_FRAUD", "TX_FRAUD_SCENARIO"]] = [1, 3]

    os.makedirs(a.out, exist_ok=True)
    cols = ["TRANSACTION_ID", "TX_DATETIME", "CUSTOMER_ID", "TERMINAL_ID", "TX_AMOUNT",
            "TX_TIME_SECONDS", "TX_TIME_DAYS", "TX_FRAUD", "TX_FRAUD_SCENARIO"]
    tx["TX_DATETIME"] = tx.TX_DATETIME.dt.strftime("%Y-%m-%d %H:%M:%S")
    tx[cols].to_csv(os.path.join(a.out, "transactions.csv.gz"), index=False)
    pd.DataFrame({"CUSTOMER_ID": np.arange(nc), "x_customer_id": cx, "y_customer_id": cy,
                  "mean_amount": mean_amount, "std_amount": std_amount,
                  "mean_nb_tx_per_day": tx_per_day,
                  "available_terminals": [" ".join(map(str, t)) for t in available],
                  "nb_terminals": [len(t) for t in available]}
                 ).to_csv(os.path.join(a.out, "customer_profiles.csv.gz"), index=False)
    pd.DataFrame({"TERMINAL_ID": np.arange(nt), "x_terminal_id": tx_, "y_terminal_id": ty_}
                 ).to_csv(os.path.join(a.out, "terminal_profiles.csv.gz"), index=False)
    tx[["TRANSACTION_ID", "TX_FRAUD", "TX_FRAUD_SCENARIO"]].set_axis(
        ["event_id", "label", "scenario"], axis=1).to_csv(os.path.join(a.out, "truth_tx.csv.gz"), index=False)
    print(f"fdh_draw: {len(tx)} transactions, {int(tx.TX_FRAUD.sum())} frauds "
          f"({tx.TX_FRAUD.mean():.2%}; scenarios {tx.TX_FRAUD_SCENARIO.value_counts().sort_index().to_dict()}), "
          f"{np.mean([len(t) for t in available]):.0f} terminals a customer", file=sys.stderr)


if __name__ == "__main__":
    main()
