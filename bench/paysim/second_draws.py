#!/usr/bin/python3
"""Second draws of the PaySim sample, to check that identity-ring detection generalises.

Reads a label-free copy of the sample (made by ../shared/tools/strip_labels.py paysim) and the
sample's truth_rings.csv.gz, and writes label-free input directories plus a matching truth file:

  half-1, half-2   steps [0, 120) and [120, 240): each half alone, as a shorter, smaller draw;
                   its truth is the faux accounts that paid (drained) in that half with their mule
  collisions       the whole log, but 60 ordinary clients get one identity document (SSN, e-mail or
                   phone, chosen at random) of a random faux account, and 40 more pairs of ordinary
                   clients share one document between them: the jFairy chance collisions that the
                   sample happens not to contain, at a rate far above the generator's
  subsample        a random half of the ordinary clients and every transaction touching them
                   dropped: fewer bystanders, denser rings relative to the population

The detector never sees the truth; it is used here only to pick ordinary clients and to score.
Usage: second_draws.py STRIPPED_DIR TRUTH_RINGS OUT_DIR [--seed N]
Then, per draw: ./ringwatch evaluate --format paysim --input OUT_DIR/<draw> --out ... and
../shared/tools/score.py rings --truth OUT_DIR/<draw>/truth_rings.csv --pred .../rings.csv
"""
import argparse
import os
import random

import pandas as pd


def write(df, path):
    df.to_csv(path, index=False, compression="gzip")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stripped")
    ap.add_argument("truth")
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    clients = pd.read_csv(os.path.join(a.stripped, "clients.csv.gz"), dtype=str)
    log = pd.read_csv(os.path.join(a.stripped, "rawLog.csv.gz"), dtype=str)
    truth = pd.read_csv(a.truth, dtype=str)
    ring_accounts = set(truth.account)
    faux = sorted(truth[truth.role == "faux_account"].account)
    ordinary = sorted(set(clients.id) - ring_accounts)

    def draw(name, cl, lg, tr):
        d = os.path.join(a.out, name)
        os.makedirs(d, exist_ok=True)
        write(cl, os.path.join(d, "clients.csv.gz"))
        write(lg, os.path.join(d, "rawLog.csv.gz"))
        tr[["account", "ring_id", "role"]].to_csv(os.path.join(d, "truth_rings.csv"), index=False)
        print(f"{name}: {len(lg)} transactions, {tr.ring_id.nunique()} rings, {len(tr)} ring accounts")

    step = log.step.astype(int)
    for name, part in (("half-1", log[step < 120]), ("half-2", log[step >= 120])):
        # A faux account's only payment is its drain: the ring in this half is the faux accounts
        # that paid in it and, when there is one, the mule they paid.
        paid = set(part.nameOrig)
        rings = set(truth[truth.account.isin(paid)].ring_id)
        in_half = truth.account.isin(paid) | (
            (truth.role == "cashout_mule") & truth.ring_id.isin(rings))
        draw(name, clients, part, truth[in_half])

    cl = clients.copy().set_index("id")
    docs = ["ssn", "email", "phoneNumber"]
    for victim in rnd.sample(ordinary, 60):
        col = rnd.choice(docs)
        cl.loc[victim, col] = cl.loc[rnd.choice(faux), col]
    for _ in range(40):
        x, y = rnd.sample(ordinary, 2)
        col = rnd.choice(docs)
        cl.loc[y, col] = cl.loc[x, col]
    draw("collisions", cl.reset_index(), log, truth)

    dropped = set(rnd.sample(ordinary, len(ordinary) // 2))
    keep = ~(log.nameOrig.isin(dropped) | log.nameDest.isin(dropped))
    draw("subsample", clients[~clients.id.isin(dropped)], log[keep], truth)


if __name__ == "__main__":
    main()
