#!/usr/bin/env python3
"""K disjoint copies of a label-free AMLSim or PaySim input in one input: the same history K times
over, with account, client, document and transaction ids made distinct per copy, to measure how
`ringwatch evaluate` scales (time, memory) and that it finds K times the same rings.

  bench/quality/replicate.py amlsim|paysim IN_DIR OUT_DIR K
"""
import os
import sys

import pandas as pd


def amlsim(src, dst, k):
    t = pd.read_csv(os.path.join(src, "transactions.csv.gz"))
    a = pd.read_csv(os.path.join(src, "accounts.csv.gz"))
    off = 10 ** (len(str(int(a.acct_id.max()))) + 1)
    ts, accts = [], []
    for i in range(k):
        c = t.copy()
        c["tran_id"] += i * 10 ** 7
        c["orig_acct"] += i * off
        c["bene_acct"] += i * off
        ts.append(c)
        d = a.copy()
        d["acct_id"] += i * off
        accts.append(d)
    t = pd.concat(ts).sort_values(["tran_timestamp", "tran_id"])
    t.to_csv(os.path.join(dst, "transactions.csv.gz"), index=False)
    pd.concat(accts).to_csv(os.path.join(dst, "accounts.csv.gz"), index=False)
    return len(t)


def paysim(src, dst, k):
    t = pd.read_csv(os.path.join(src, "rawLog.csv.gz"), dtype=str)
    c = pd.read_csv(os.path.join(src, "clients.csv.gz"), dtype=str)

    def shift(ids, i):  # numeric ids (clients) move by i * 10^16; merchants get a suffix
        return ids.map(lambda v: str(int(v) + i * 10 ** 16) if v.isdigit() else (f"{v}-{i}" if i else v))

    ts, cs = [], []
    for i in range(k):
        a = t.copy()
        a["txId"] = (a.txId.astype(int) + i * 10 ** 8).astype(str)
        a["nameOrig"] = shift(a.nameOrig, i)
        a["nameDest"] = shift(a.nameDest, i)
        ts.append(a)
        b = c.copy()
        b["id"] = shift(b.id, i)
        for col in ("ssn", "email", "phoneNumber"):
            b[col] = b[col] + (f"#{i}" if i else "")
        cs.append(b)
    t = pd.concat(ts)
    t = t.assign(s=t.step.astype(int)).sort_values(["s"], kind="stable").drop(columns="s")
    t.to_csv(os.path.join(dst, "rawLog.csv.gz"), index=False)
    pd.concat(cs).to_csv(os.path.join(dst, "clients.csv.gz"), index=False)
    return len(t)


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ("amlsim", "paysim") or not sys.argv[4].isdigit() \
            or int(sys.argv[4]) < 1:
        sys.exit(__doc__)
    fmt, src, dst, k = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    os.makedirs(dst, exist_ok=True)
    n = (amlsim if fmt == "amlsim" else paysim)(src, dst, k)
    print(f"replicate: {k} copies of {src}, {n} transactions in {dst}", file=sys.stderr)


if __name__ == "__main__":
    main()
